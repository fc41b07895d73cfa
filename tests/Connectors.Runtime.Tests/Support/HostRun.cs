using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Connectors.Runtime.Hosting;
using Xunit;

namespace Connectors.Runtime.Tests.Support;

/// <summary>
/// One in-process run of <see cref="ConnectorHost"/>: its exit code, stderr, and stdout parsed into messages. Every stdout
/// line is checked to be one compact JSON AirbyteMessage that validates against the protocol schema.
/// </summary>
internal sealed class HostRun
{
    private HostRun(int exitCode, string stdout, string stderr, IReadOnlyList<JsonElement> messages, long startedAt, long endedAt)
    {
        ExitCode = exitCode;
        Stdout = stdout;
        Stderr = stderr;
        Messages = messages;
        StartedAt = startedAt;
        EndedAt = endedAt;
    }

    public int ExitCode { get; }

    public string Stdout { get; }

    public string Stderr { get; }

    /// <summary>Every stdout message, in order.</summary>
    public IReadOnlyList<JsonElement> Messages { get; }

    /// <summary>Wall-clock milliseconds just before and just after the run.</summary>
    public long StartedAt { get; }

    public long EndedAt { get; }

    public static Task<HostRun> RunAsync<T>(ConnectorDescriptor<T> descriptor, params string[] args) where T : class =>
        RunAsync(descriptor, args, CancellationToken.None);

    /// <param name="stdin">The process's stdin (the input of <c>write</c>); empty when null.</param>
    public static async Task<HostRun> RunAsync<T>(ConnectorDescriptor<T> descriptor, string[] args, CancellationToken cancellation, Stream? stdin = null)
        where T : class
    {
        var stdout = new MemoryStream();
        var stderr = new StringWriter();
        var startedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var exitCode = await ConnectorHost.RunAsync(descriptor, args, new HostIO(stdout, stderr, stdin ?? Stream.Null), cancellation);
        var endedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var text = Encoding.UTF8.GetString(stdout.ToArray());
        return new HostRun(exitCode, text, stderr.ToString(), ParseLines(text), startedAt, endedAt);
    }

    /// <summary>
    /// Runs <c>write</c> of a destination made of <paramref name="handlers"/> over <paramref name="catalog"/>, with
    /// <paramref name="input"/> on stdin and any further <paramref name="options"/>.
    /// </summary>
    public static async Task<HostRun> WriteAsync(DestinationHandlers<TestSource> handlers, string catalog, string input,
        CancellationToken cancellation = default, params string[] options)
    {
        var descriptor = new ConnectorDescriptor<TestSource>
        {
            Name = "destination-test",
            Version = "1.0.0",
            Kind = ConnectorKind.Destination,
            ConfigSchema = TestSource.Schema,
            Create = () => new TestSource(),
            BindConfig = TestSource.Bind,
            Destination = handlers,
        };
        using var files = new TempDir();
        string[] args = ["write", "--config", files.Write("config.json", TestConnector.ValidConfig), "--catalog", files.Write("catalog.json", catalog), .. options];
        return await RunAsync(descriptor, args, cancellation, new MemoryStream(Encoding.UTF8.GetBytes(input)));
    }

    /// <summary>Runs <c>read</c> with files written into <paramref name="files"/>; a null state writes no --state.</summary>
    public static Task<HostRun> ReadAsync<T>(ConnectorDescriptor<T> descriptor, TempDir files, string catalog, string? state = null,
        string config = TestConnector.ValidConfig, CancellationToken cancellation = default) where T : class
    {
        var args = new List<string>
        {
            "read", "--config", files.Write("config.json", config), "--catalog", files.Write("catalog.json", catalog),
        };
        if (state is not null)
        {
            args.Add("--state");
            args.Add(files.Write("state.json", state));
        }
        return RunAsync(descriptor, args.ToArray(), cancellation);
    }

    /// <summary>Checks that stdout is whole lines, each one compact AirbyteMessage, and parses them.</summary>
    public static IReadOnlyList<JsonElement> ParseLines(string stdout)
    {
        var messages = new List<JsonElement>();
        if (stdout.Length == 0)
        {
            return messages;
        }
        Assert.EndsWith("\n", stdout);
        foreach (var line in stdout[..^1].Split('\n'))
        {
            messages.Add(ParseMessage(line));
        }
        return messages;
    }

    /// <summary>Parses one stdout line, asserting it is one compact JSON AirbyteMessage.</summary>
    public static JsonElement ParseMessage(string line)
    {
        AssertCompact(line);
        JsonElement message;
        try
        {
            using var document = JsonDocument.Parse(line);
            message = document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw new Xunit.Sdk.XunitException($"stdout line is not JSON ({ex.Message}): {line}");
        }
        var problems = Connectors.Testing.Validation.ProtocolSchema.ValidateMessage(line, out _);
        Assert.True(problems.Count == 0, $"stdout line is not an AirbyteMessage ({string.Join("; ", problems)}): {line}");
        var payload = message.GetProperty("type").GetString() switch
        {
            "CONNECTION_STATUS" => "connectionStatus",
            "DESTINATION_CATALOG" => "destination_catalog",
            var type => type!.ToLowerInvariant(),
        };
        Assert.True(message.TryGetProperty(payload, out _), $"{payload} missing: {line}");
        var payloads = message.EnumerateObject().Count(p => p.Name != "type");
        Assert.True(payloads == 1, $"expected exactly one payload: {line}");
        return message;
    }

    private static void AssertCompact(string line)
    {
        var inString = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (inString)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inString = false;
                }
                else
                {
                    Assert.False(char.IsControl(c), $"raw control character in a JSON string: {line}");
                }
            }
            else if (c == '"')
            {
                inString = true;
            }
            else
            {
                Assert.False(char.IsWhiteSpace(c), $"stdout line is not compact JSON: {line}");
            }
        }
    }

    public IEnumerable<JsonElement> OfType(string type) => Messages.Where(m => m.GetProperty("type").GetString() == type);

    public IReadOnlyList<JsonElement> Records(string? stream = null) =>
        OfType("RECORD").Select(m => m.GetProperty("record"))
            .Where(r => stream is null || r.GetProperty("stream").GetString() == stream).ToList();

    /// <summary>The <c>state</c> objects of STATE messages, optionally of one stream.</summary>
    public IReadOnlyList<JsonElement> States(string? stream = null) =>
        OfType("STATE").Select(m => m.GetProperty("state"))
            .Where(s => stream is null || StreamOf(s) == stream).ToList();

    /// <summary>The <c>stream_state</c> objects of a stream's STATE messages, as compact JSON.</summary>
    public IReadOnlyList<string> StreamStates(string stream) =>
        States(stream).Select(s => s.GetProperty("stream").GetProperty("stream_state").GetRawText()).ToList();

    /// <summary>A stream's recordCount of each of its STATE messages.</summary>
    public IReadOnlyList<double> RecordCounts(string stream) =>
        States(stream).Select(s => s.GetProperty("sourceStats").GetProperty("recordCount").GetDouble()).ToList();

    /// <summary>The TRACE STREAM_STATUS statuses of one stream, in order.</summary>
    public IReadOnlyList<string> Statuses(string stream) =>
        Traces("STREAM_STATUS").Select(t => t.GetProperty("stream_status"))
            .Where(s => s.GetProperty("stream_descriptor").GetProperty("name").GetString() == stream)
            .Select(s => s.GetProperty("status").GetString()!).ToList();

    /// <summary>The names of the streams that have statuses, in the order they started.</summary>
    public IReadOnlyList<string> StartedStreams() =>
        Traces("STREAM_STATUS").Select(t => t.GetProperty("stream_status"))
            .Where(s => s.GetProperty("status").GetString() == "STARTED")
            .Select(s => s.GetProperty("stream_descriptor").GetProperty("name").GetString()!).ToList();

    public IEnumerable<JsonElement> Traces(string type) =>
        OfType("TRACE").Select(m => m.GetProperty("trace")).Where(t => t.GetProperty("type").GetString() == type);

    /// <summary>The <c>error</c> objects of TRACE ERROR messages.</summary>
    public IReadOnlyList<JsonElement> Errors => Traces("ERROR").Select(t => t.GetProperty("error")).ToList();

    /// <summary>The <c>log</c> objects of LOG messages.</summary>
    public IReadOnlyList<JsonElement> Logs => OfType("LOG").Select(m => m.GetProperty("log")).ToList();

    /// <summary>The one message of a type; fails unless there is exactly one.</summary>
    public JsonElement Single(string type, string payload) => Assert.Single(OfType(type)).GetProperty(payload);

    /// <summary>A compact description of the message sequence of one stream, for order assertions: R, S, or the status.</summary>
    public IReadOnlyList<string> Timeline(string stream)
    {
        var timeline = new List<string>();
        foreach (var message in Messages)
        {
            switch (message.GetProperty("type").GetString())
            {
                case "RECORD" when message.GetProperty("record").GetProperty("stream").GetString() == stream:
                    timeline.Add("R" + message.GetProperty("record").GetProperty("data").GetProperty("seq").GetInt64());
                    break;
                case "STATE" when StreamOf(message.GetProperty("state")) == stream:
                    timeline.Add("S" + message.GetProperty("state").GetProperty("stream").GetProperty("stream_state").GetRawText());
                    break;
                case "TRACE":
                    var trace = message.GetProperty("trace");
                    if (trace.TryGetProperty("stream_status", out var status)
                        && status.GetProperty("stream_descriptor").GetProperty("name").GetString() == stream)
                    {
                        timeline.Add(status.GetProperty("status").GetString()!);
                    }
                    else if (trace.TryGetProperty("error", out var error) && error.TryGetProperty("stream_descriptor", out var descriptor)
                        && descriptor.GetProperty("name").GetString() == stream)
                    {
                        timeline.Add("ERROR");
                    }
                    break;
            }
        }
        return timeline;
    }

    /// <summary>The stream each stream-related message is about, in order, with repeats collapsed.</summary>
    public IReadOnlyList<string> StreamSequence()
    {
        var sequence = new List<string>();
        foreach (var message in Messages)
        {
            var name = message.GetProperty("type").GetString() switch
            {
                "RECORD" => message.GetProperty("record").GetProperty("stream").GetString(),
                "STATE" => StreamOf(message.GetProperty("state")),
                "TRACE" => DescriptorName(message.GetProperty("trace")),
                _ => null,
            };
            if (name is not null && (sequence.Count == 0 || sequence[^1] != name))
            {
                sequence.Add(name);
            }
        }
        return sequence;
    }

    private static string? DescriptorName(JsonElement trace)
    {
        foreach (var kind in new[] { "stream_status", "error" })
        {
            if (trace.TryGetProperty(kind, out var body) && body.TryGetProperty("stream_descriptor", out var descriptor))
            {
                return descriptor.GetProperty("name").GetString();
            }
        }
        return null;
    }

    private static string? StreamOf(JsonElement state) =>
        state.TryGetProperty("stream", out var stream) ? stream.GetProperty("stream_descriptor").GetProperty("name").GetString() : null;
}
