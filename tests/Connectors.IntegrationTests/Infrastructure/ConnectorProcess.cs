using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Xunit.Sdk;

namespace Connectors.IntegrationTests.Infrastructure;

/// <summary>
/// A connector built by this solution, running as a real process (<c>dotnet &lt;dll&gt; &lt;args&gt;</c>): lines go to its
/// stdin; its stdout (responses and records) and stderr (structured logs) are collected as they arrive, each line
/// parsed as JSON, each Airbyte message on stdout validated against the protocol. Waits give up after
/// <see cref="Patience"/>: a guard against hangs, never a timing assertion.
/// </summary>
internal sealed class ConnectorProcess : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly List<string> _stdout = new();
    private readonly List<string> _stderr = new();
    // Lines parsed (and validated) so far: each line once, however often a test polls.
    private readonly List<JsonElement> _stdoutParsed = new();
    private readonly List<JsonElement> _stderrParsed = new();

    private ConnectorProcess(Process process) => _process = process;

    /// <summary>Starts <paramref name="connector"/> with stdin open, for a test to write command envelopes to.</summary>
    public static ConnectorProcess Start(Connector connector, IReadOnlyList<string> args, IReadOnlyDictionary<string, string?>? environment = null,
        string? workingDirectory = null)
    {
        var process = new Process { StartInfo = connector.StartInfo(args, environment, workingDirectory) };
        var running = new ConnectorProcess(process);
        process.OutputDataReceived += (_, e) => running.Add(running._stdout, e.Data);
        process.ErrorDataReceived += (_, e) => running.Add(running._stderr, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return running;
    }

    /// <summary>Runs a connector to its end (stdin closed at once) and returns it, exited.</summary>
    public static async Task<ConnectorProcess> RunAsync(Connector connector, IReadOnlyList<string> args,
        IReadOnlyDictionary<string, string?>? environment = null, string? workingDirectory = null)
    {
        var process = Start(connector, args, environment, workingDirectory);
        process.CloseInput();
        await process.WaitForExitAsync();
        return process;
    }

    public int Id => _process.Id;

    public int ExitCode => _process.ExitCode;

    public bool HasExited => _process.HasExited;

    /// <summary>Every stdout line so far, parsed.</summary>
    public IReadOnlyList<JsonElement> Stdout => Parse(_stdout, _stdoutParsed, "stdout");

    /// <summary>Every stderr line so far, parsed (the command hosts write only JSON log lines there).</summary>
    public IReadOnlyList<JsonElement> Logs => Parse(_stderr, _stderrParsed, "stderr");

    /// <summary>Every stdout line so far, as written (for searching every byte).</summary>
    public string StdoutText
    {
        get
        {
            lock (_stdout)
            {
                return string.Join("\n", _stdout);
            }
        }
    }

    /// <summary>Every stderr line so far, as written.</summary>
    public string StderrText
    {
        get
        {
            lock (_stdout)
            {
                return string.Join("\n", _stderr);
            }
        }
    }

    /// <summary>The command responses so far.</summary>
    public IReadOnlyList<JsonElement> Responses => Stdout.Where(m => m.TryGetProperty("commandId", out _)).ToList();

    /// <summary>The <c>record</c> objects of the RECORD messages so far.</summary>
    public IReadOnlyList<JsonElement> Records =>
        Stdout.Where(m => m.TryGetProperty("type", out var type) && type.GetString() == "RECORD").Select(m => m.GetProperty("record")).ToList();

    /// <summary>The messages of the log lines so far, as "level: message".</summary>
    public IReadOnlyList<string> LogMessages =>
        Logs.Select(l => l.GetProperty("level").GetString() + ": " + l.GetProperty("message").GetString()).ToList();

    /// <summary>Writes one line to stdin.</summary>
    public void Send(string line)
    {
        _process.StandardInput.WriteLine(line);
        _process.StandardInput.Flush();
    }

    /// <summary>Writes a command envelope.</summary>
    public void Send(string id, string action, object? payload = null) =>
        Send(JsonSerializer.Serialize(new { id, action, payload }));

    /// <summary>Sends a command and waits for its response.</summary>
    public Task<JsonElement> CommandAsync(string id, string action, object? payload = null)
    {
        Send(id, action, payload);
        return ResponseAsync(id);
    }

    /// <summary>Waits for the response to a command.</summary>
    public async Task<JsonElement> ResponseAsync(string? id)
    {
        await UntilAsync(() => Responses.Any(r => CommandId(r) == id), $"a response to command {id ?? "(no id)"}");
        return Responses.Last(r => CommandId(r) == id);
    }

    /// <summary>Writes raw bytes to stdin (a line too long to hold as a string).</summary>
    public void SendBytes(ReadOnlySpan<byte> bytes)
    {
        _process.StandardInput.Flush();
        _process.StandardInput.BaseStream.Write(bytes);
        _process.StandardInput.BaseStream.Flush();
    }

    public void CloseInput() => _process.StandardInput.Close();

    /// <summary>Sends SIGTERM.</summary>
    public void Terminate() => RunningConnector.Signal(_process.Id, RunningConnector.SIGTERM);

    public async Task WaitForExitAsync()
    {
        var exited = _process.WaitForExitAsync();
        if (await Task.WhenAny(exited, Task.Delay(Patience)) != exited)
        {
            throw new XunitException($"The connector did not exit within {Patience.TotalSeconds} s.\n{Describe()}");
        }
        // Lets the redirected streams deliver their last lines.
        _process.WaitForExit();
    }

    /// <summary>Waits until <paramref name="condition"/> holds.</summary>
    public async Task UntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new XunitException($"Gave up waiting for {what}.\n{Describe()}");
            }
            if (_process.HasExited && !condition())
            {
                _process.WaitForExit();
                if (!condition())
                {
                    throw new XunitException($"The connector exited ({_process.ExitCode}) before {what}.\n{Describe()}");
                }
                return;
            }
            await Task.Delay(20);
        }
    }

    public string Describe()
    {
        lock (_stdout)
        {
            return "stdout:\n" + string.Join("\n", _stdout) + "\nstderr:\n" + string.Join("\n", _stderr);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    private static string? CommandId(JsonElement response) => response.GetProperty("commandId").GetString();

    private void Add(List<string> lines, string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_stdout)
        {
            lines.Add(line);
        }
    }

    private IReadOnlyList<JsonElement> Parse(List<string> lines, List<JsonElement> parsed, string stream)
    {
        lock (_stdout)
        {
            for (var i = parsed.Count; i < lines.Count; i++)
            {
                parsed.Add(ParseLine(lines[i], stream));
            }
            return parsed.ToArray();
        }
    }

    private JsonElement ParseLine(string line, string stream)
    {
        JsonElement parsed;
        try
        {
            using var document = JsonDocument.Parse(line);
            parsed = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            throw new XunitException($"A {stream} line is not JSON: {line}\n{Describe()}");
        }
        // Besides command responses, stdout carries Airbyte messages (records a command emits): they keep to the protocol.
        if (stream == "stdout" && parsed.ValueKind == JsonValueKind.Object && parsed.TryGetProperty("type", out _)
            && ProtocolSchema.ValidateMessage(line, out _) is { Count: > 0 } problems)
        {
            throw new XunitException($"A stdout line is not a valid AirbyteMessage ({string.Join("; ", problems)}): {line}");
        }
        return parsed;
    }
}
