using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using Connectors.Testing.Validation;

namespace Connectors.Testing.Processes;

/// <summary>
/// What one connector process did: its command line, exit code, stdout lines and stderr. The messages are the stdout
/// lines that parse as JSON objects; whether each line is a valid AirbyteMessage is <see cref="ProtocolProblems"/>, a
/// question only the rules about protocol validity ask, so one broken line fails one rule.
/// </summary>
internal sealed class ProcessRun
{
    private readonly Lazy<IReadOnlyList<JsonElement>> _messages;
    private readonly Lazy<IReadOnlyList<string>> _protocolProblems;

    public ProcessRun(string connector, IReadOnlyList<string> args, int exitCode, bool timedOut, TimeSpan timeout,
        IReadOnlyList<string> lines, string stderr, bool stdoutClosedByReader)
    {
        Connector = connector;
        Args = args;
        ExitCode = exitCode;
        TimedOut = timedOut;
        Timeout = timeout;
        Lines = lines;
        Stderr = stderr;
        StdoutClosedByReader = stdoutClosedByReader;
        _messages = new(() => Lines.Select(TryParse).Where(m => m.ValueKind == JsonValueKind.Object).ToList());
        _protocolProblems = new(() => Lines
            .Select((line, i) => (i, problems: ProtocolSchema.ValidateMessage(line, out _)))
            .Where(p => p.problems.Count > 0)
            .Select(p => $"stdout line {p.i + 1}: {string.Join("; ", p.problems.Take(3))}\n    {Excerpt(Lines[p.i], 300)}")
            .ToList());
    }

    public string Connector { get; }

    public IReadOnlyList<string> Args { get; }

    public int ExitCode { get; }

    /// <summary>The process outlived its timeout and was killed.</summary>
    public bool TimedOut { get; }

    public TimeSpan Timeout { get; }

    /// <summary>Every stdout line, as written (up to where the reader closed stdout, if it did).</summary>
    public IReadOnlyList<string> Lines { get; }

    /// <summary>Everything written on stderr.</summary>
    public string Stderr { get; }

    /// <summary>The test closed stdout while the process ran: the lines stop there.</summary>
    public bool StdoutClosedByReader { get; }

    /// <summary>The command, as "connector read --config …".</summary>
    public string Command => Connector + " " + string.Join(" ", Args);

    /// <summary>The stdout lines that are JSON objects, parsed.</summary>
    public IReadOnlyList<JsonElement> Messages => _messages.Value;

    /// <summary>Every stdout line that is not a valid AirbyteMessage, with why.</summary>
    public IReadOnlyList<string> ProtocolProblems => _protocolProblems.Value;

    /// <summary>The messages of one type (RECORD, STATE, TRACE, …).</summary>
    public IEnumerable<JsonElement> OfType(string type) => Messages.Where(m => Message.TypeOf(m) == type);

    /// <summary>The record objects (<c>message.record</c>), of one stream or of all.</summary>
    public IReadOnlyList<JsonElement> Records(string? stream = null) =>
        OfType("RECORD").Select(m => Message.Payload(m, "record")).Where(r => r.ValueKind == JsonValueKind.Object && (stream is null || Message.StreamOf(r) == stream)).ToList();

    /// <summary>The state objects (<c>message.state</c>), of one stream or of all.</summary>
    public IReadOnlyList<JsonElement> States(string? stream = null) =>
        OfType("STATE").Select(m => Message.Payload(m, "state")).Where(s => s.ValueKind == JsonValueKind.Object && (stream is null || Message.StateStream(s) == stream)).ToList();

    /// <summary>The STREAM_STATUS values of one stream, in order.</summary>
    public IReadOnlyList<string> Statuses(string stream) =>
        Traces("STREAM_STATUS").Where(t => Message.StatusStream(t) == stream).Select(Message.StatusOf).ToList();

    /// <summary>The error objects of TRACE ERROR messages.</summary>
    public IReadOnlyList<JsonElement> Errors => Traces("ERROR").Select(t => Message.Payload(t, "error")).Where(e => e.ValueKind == JsonValueKind.Object).ToList();

    /// <summary>The trace objects of one trace type.</summary>
    public IEnumerable<JsonElement> Traces(string type) =>
        OfType("TRACE").Select(m => Message.Payload(m, "trace")).Where(t => Message.Text(t, "type") == type);

    /// <summary>The process, its exit code and (the start of) its output, for failure messages.</summary>
    public string Describe(int lines = 30)
    {
        var text = new StringBuilder();
        text.Append("$ ").Append(Command).Append("\n→ ").Append(TimedOut ? $"killed after {Timeout.TotalSeconds:0} s" : $"exit code {ExitCode}");
        text.Append("; stdout (").Append(Lines.Count).Append(" lines):\n");
        foreach (var line in Lines.Take(lines))
        {
            text.Append("  ").Append(Excerpt(line, 400)).Append('\n');
        }
        if (Lines.Count > lines)
        {
            text.Append("  …\n");
        }
        text.Append("stderr:\n").Append(Stderr.Length > 3000 ? Stderr[..3000] + "…" : Stderr);
        return text.ToString();
    }

    /// <summary>The start of a long text.</summary>
    public static string Excerpt(string text, int length) => text.Length > length ? text[..length] + "…" : text;

    private static JsonElement TryParse(string line)
    {
        try
        {
            return ProtocolSchema.Parse(line);
        }
        catch (JsonException)
        {
            return default;
        }
    }
}
