using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;

namespace Connectors.IntegrationTests.Infrastructure;

/// <summary>
/// What one connector process did: exit code, stdout lines, stderr. Creating it validates every stdout line against the
/// protocol's AirbyteMessage schema, and every RECORD against its stream's discovered schema; a test cannot forget to.
/// </summary>
internal sealed class ConnectorRun
{
    private readonly Lazy<IReadOnlyList<JsonElement>> _messages;

    public ConnectorRun(string connector, IReadOnlyList<string> args, int exitCode, IReadOnlyList<string> lines, string stderr,
        RecordSchemas? schemas)
    {
        Connector = connector;
        Args = args;
        ExitCode = exitCode;
        Lines = lines;
        Stderr = stderr;
        var problems = Validate(lines, schemas);
        if (problems.Count > 0)
        {
            throw new Xunit.Sdk.XunitException(
                $"{problems.Count} stdout line(s) break the Airbyte protocol:\n{string.Join("\n", problems.Take(20))}\n\n{Describe()}");
        }
        _messages = new Lazy<IReadOnlyList<JsonElement>>(() =>
            Lines.AsParallel().AsOrdered().Select(l => JsonSerializer.Deserialize<JsonElement>(l)).ToList());
    }

    public string Connector { get; }

    public IReadOnlyList<string> Args { get; }

    public int ExitCode { get; }

    /// <summary>Every stdout line, as written.</summary>
    public IReadOnlyList<string> Lines { get; }

    /// <summary>Everything written on stderr.</summary>
    public string Stderr { get; }

    /// <summary>All of stdout.</summary>
    public string Stdout => string.Join("\n", Lines);

    /// <summary>Every stdout line, parsed (each one is known to be an AirbyteMessage).</summary>
    public IReadOnlyList<JsonElement> Messages => _messages.Value;

    /// <summary>The messages of one type (RECORD, STATE, TRACE, …).</summary>
    public IEnumerable<JsonElement> OfType(string type) => Messages.Where(m => m.GetProperty("type").GetString() == type);

    /// <summary>The record objects (<c>message.record</c>), of one stream or of all.</summary>
    public IReadOnlyList<JsonElement> Records(string? stream = null) =>
        OfType("RECORD").Select(m => m.GetProperty("record")).Where(r => stream is null || r.GetProperty("stream").GetString() == stream).ToList();

    /// <summary>The state objects (<c>message.state</c>), of one stream or of all.</summary>
    public IReadOnlyList<JsonElement> States(string? stream = null) =>
        OfType("STATE").Select(m => m.GetProperty("state"))
            .Where(s => stream is null || (s.TryGetProperty("stream", out var st) && st.GetProperty("stream_descriptor").GetProperty("name").GetString() == stream))
            .ToList();

    /// <summary>The STREAM_STATUS values of one stream, in order.</summary>
    public IReadOnlyList<string> Statuses(string stream) =>
        Traces("STREAM_STATUS").Select(t => t.GetProperty("stream_status"))
            .Where(s => s.GetProperty("stream_descriptor").GetProperty("name").GetString() == stream)
            .Select(s => s.GetProperty("status").GetString()!)
            .ToList();

    /// <summary>The error objects of TRACE ERROR messages.</summary>
    public IReadOnlyList<JsonElement> Errors => Traces("ERROR").Select(t => t.GetProperty("error")).ToList();

    /// <summary>The log objects of LOG messages.</summary>
    public IReadOnlyList<JsonElement> Logs => OfType("LOG").Select(m => m.GetProperty("log")).ToList();

    /// <summary>The trace objects of one trace type.</summary>
    public IEnumerable<JsonElement> Traces(string type) =>
        OfType("TRACE").Select(m => m.GetProperty("trace")).Where(t => t.GetProperty("type").GetString() == type);

    /// <summary>The process, its exit code and (the start of) its output, for failure messages.</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        text.Append(Connector).Append(' ').Append(string.Join(" ", Args)).Append(" → exit code ").Append(ExitCode).Append('\n');
        text.Append("stdout (").Append(Lines.Count).Append(" lines):\n");
        foreach (var line in Lines.Take(40))
        {
            text.Append("  ").Append(line.Length > 400 ? line[..400] + "…" : line).Append('\n');
        }
        if (Lines.Count > 40)
        {
            text.Append("  …\n");
        }
        text.Append("stderr:\n").Append(Stderr.Length > 4000 ? Stderr[..4000] + "…" : Stderr);
        return text.ToString();
    }

    // Lines are independent, so a long output is validated on every core.
    private static List<string> Validate(IReadOnlyList<string> lines, RecordSchemas? schemas)
    {
        if (lines.Count == 0)
        {
            return [];
        }
        var problems = new ConcurrentBag<(int Line, string Problem)>();
        Parallel.ForEach(Partitioner.Create(0, lines.Count, 1000), range =>
        {
            for (var i = range.Item1; i < range.Item2; i++)
            {
                if (ValidateLine(lines[i], schemas) is { } problem)
                {
                    problems.Add((i, problem));
                }
            }
        });
        return problems.OrderBy(p => p.Line)
            .Select(p => $"line {p.Line + 1}: {p.Problem}\n  {(lines[p.Line].Length > 300 ? lines[p.Line][..300] + "…" : lines[p.Line])}")
            .ToList();
    }

    private static string? ValidateLine(string line, RecordSchemas? schemas)
    {
        var errors = ProtocolSchema.ValidateMessage(line, out var message);
        if (errors.Count == 0 && schemas is not null && message.GetProperty("type").GetString() == "RECORD")
        {
            errors = schemas.Validate(message.GetProperty("record"));
        }
        return errors.Count == 0 ? null : string.Join("; ", errors);
    }
}
