using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Pipes;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Connectors.Runtime.Commands;
using Connectors.Runtime.Hosting;
using Connectors.Runtime.Protocol;
using Xunit;

namespace Connectors.Runtime.Tests.Support;

/// <summary>
/// A <c>serve</c> host run in-process: stdin is a real pipe the test writes lines into, stdout a stream whose lines are
/// collected as they arrive, stderr the structured log. Waits give up after <see cref="Patience"/>, a guard against
/// hangs, never a timing assertion.
/// </summary>
internal sealed class CommandServerHarness : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly AnonymousPipeServerStream _stdin = new(PipeDirection.Out);
    private readonly AnonymousPipeClientStream _stdinReader;
    private readonly LineCollector _stdout = new();
    private readonly StringWriter _stderr = new();
    private readonly TextWriter _stderrSync;
    private readonly StopController _stop = new(TimeSpan.FromMinutes(5));
    private readonly TempDir _folder = new();
    private Task<int>? _serving;

    /// <param name="config">The config file's JSON.</param>
    /// <param name="grace">How long Stop and Shutdown wait for running commands.</param>
    /// <param name="cancelWait">How long a cancelled command has to answer.</param>
    /// <param name="maxEnvelopeBytes">The longest line read.</param>
    /// <param name="status">The starting status.</param>
    /// <param name="extraArgs">More command-line arguments after <c>serve --config FILE</c>.</param>
    /// <param name="captureConsole">Gives the host console writers to route, as a real process has.</param>
    public CommandServerHarness(string config = """{"version":1}""", double grace = 5, double cancelWait = 5, int maxEnvelopeBytes = 64 * 1024,
        string status = "RUNNING", string[]? extraArgs = null, bool captureConsole = false)
    {
        _stdinReader = new AnonymousPipeClientStream(PipeDirection.In, _stdin.ClientSafePipeHandle);
        _stderrSync = TextWriter.Synchronized(_stderr);
        Grace = TimeSpan.FromSeconds(grace);
        CancelWait = TimeSpan.FromSeconds(cancelWait);
        MaxEnvelopeBytes = maxEnvelopeBytes;
        StartStatus = status;
        ConfigPath = _folder.Write("config.json", config);
        Script = new ServedConnectorScript();
        Assert.True(CommandLine.TryParse(["serve", "--config", ConfigPath, .. extraArgs ?? []], out var commandLine, out var error), error);
        Lines = new JsonLineWriter(_stdout);
        var masker = new Secrets.SecretMasker();
        Console = captureConsole ? new ConsoleCapture(_stderrSync, masker) : null;
        var io = new HostIO(_stdout, _stderrSync, _stdinReader) { Masker = masker, Console = Console };
        Context = new HostContext<ServedConnector>(Script.Descriptor(), commandLine, io, Lines, _stop);
    }

    public TimeSpan Grace { get; }

    public TimeSpan CancelWait { get; }

    public int MaxEnvelopeBytes { get; }

    public string StartStatus { get; }

    public string ConfigPath { get; }

    public ServedConnectorScript Script { get; }

    public JsonLineWriter Lines { get; }

    public HostContext<ServedConnector> Context { get; }

    /// <summary>The console writers the host was given, when <c>captureConsole</c>.</summary>
    public ConsoleCapture? Console { get; }

    /// <summary>Creates the session (and so the loggers and the lifecycle) without initializing it.</summary>
    public CommandSession<ServedConnector> NewSession() => Session = new CommandSession<ServedConnector>(Context);

    public CommandSession<ServedConnector>? Session { get; private set; }

    /// <summary>Initializes the connector and starts serving.</summary>
    public async Task<CommandServerHarness> StartAsync()
    {
        var problem = await NewSession().InitializeAsync(StartStatus == "RUNNING" ? OperatingStatus.Running : OperatingStatus.Idle);
        Assert.True(problem is null, problem);
        var server = new CommandServer<ServedConnector>(Context, Session!, MaxEnvelopeBytes, Grace, CancelWait);
        _serving = Task.Run(server.ServeAsync);
        return this;
    }

    /// <summary>Writes lines to stdin in one write, each followed by a newline.</summary>
    public void SendLines(params string[] lines) => SendBytes(Encoding.UTF8.GetBytes(string.Concat(lines.Select(l => l + "\n"))));

    /// <summary>Writes raw bytes to stdin.</summary>
    public void SendBytes(byte[] bytes)
    {
        _stdin.Write(bytes);
        _stdin.Flush();
    }

    /// <summary>The line of a command envelope.</summary>
    public static string Envelope(string id, string action, object? payload = null) =>
        JsonSerializer.Serialize(new { id, action, payload });

    /// <summary>Writes one command envelope.</summary>
    public void Send(string id, string action, object? payload = null) => SendLines(Envelope(id, action, payload));

    /// <summary>Closes stdin: the end of input.</summary>
    public void EndInput() => _stdin.Dispose();

    /// <summary>Makes every later write to stdout fail, as when the platform stops reading it (a broken pipe).</summary>
    public void BreakStdout() => _stdout.Broken = true;

    /// <summary>Sends the host a stop signal, as SIGTERM would.</summary>
    public void Signal() => _stop.Request(ExitCodes.Terminated);

    /// <summary>Every stdout line so far, parsed.</summary>
    public IReadOnlyList<JsonElement> Stdout => _stdout.Lines().Select(Parse).ToList();

    /// <summary>The command responses so far, in the order they were written.</summary>
    public IReadOnlyList<JsonElement> Responses => Stdout.Where(m => m.TryGetProperty("commandId", out _)).ToList();

    /// <summary>The structured log so far.</summary>
    public string Stderr
    {
        get
        {
            lock (_stderrSync)
            {
                return _stderr.ToString();
            }
        }
    }

    /// <summary>The responses to <paramref name="id"/> so far.</summary>
    public IReadOnlyList<JsonElement> ResponsesTo(string? id) => Responses.Where(r => CommandId(r) == id).ToList();

    /// <summary>Waits for the first response to a command.</summary>
    public async Task<JsonElement> ResponseAsync(string? id)
    {
        await UntilAsync(() => ResponsesTo(id).Count > 0, $"a response to {id}");
        return ResponsesTo(id)[0];
    }

    /// <summary>Sends a command and waits for its response.</summary>
    public Task<JsonElement> CommandAsync(string id, string action, object? payload = null)
    {
        Send(id, action, payload);
        return ResponseAsync(id);
    }

    /// <summary>Waits until <paramref name="condition"/> holds.</summary>
    public async Task UntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new Xunit.Sdk.XunitException($"Gave up waiting for {what}.\n{Describe()}");
            }
            if (_serving is { IsCompleted: true } && !condition())
            {
                throw new Xunit.Sdk.XunitException($"The server returned ({_serving.Status}) before {what}.\n{Describe()}");
            }
            await Task.Delay(5);
        }
    }

    /// <summary>Waits for the server to return its exit code.</summary>
    public async Task<int> ExitAsync()
    {
        var serving = _serving ?? throw new InvalidOperationException("Not started.");
        if (await Task.WhenAny(serving, Task.Delay(Patience)) != serving)
        {
            throw new Xunit.Sdk.XunitException($"The server did not return.\n{Describe()}");
        }
        return await serving;
    }

    public string Describe() => "stdout:\n" + string.Join("\n", _stdout.Lines()) + "\nstderr:\n" + Stderr + "\njournal:\n"
        + string.Join("\n", Script.Journal);

    public static string? CommandId(JsonElement response) => response.GetProperty("commandId").GetString();

    public static string Status(JsonElement response) => response.GetProperty("status").GetString()!;

    public static string Message(JsonElement response) => response.GetProperty("body").GetProperty("message").GetString()!;

    public async ValueTask DisposeAsync()
    {
        _stdin.Dispose();
        if (_serving is not null)
        {
            await Task.WhenAny(_serving, Task.Delay(Patience));
        }
        _stop.Dispose();
        _stdinReader.Dispose();
        _folder.Dispose();
    }

    private static JsonElement Parse(string line)
    {
        using var document = JsonDocument.Parse(line);
        return document.RootElement.Clone();
    }

    /// <summary>A write-only stream that keeps what is written as lines, readable from any thread.</summary>
    private sealed class LineCollector : Stream
    {
        private readonly List<string> _lines = new();
        private readonly MemoryStream _partial = new();

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        private volatile bool _broken;

        /// <summary>True: every write fails.</summary>
        public bool Broken
        {
            get => _broken;
            set => _broken = value;
        }

        public IReadOnlyList<string> Lines()
        {
            lock (_lines)
            {
                return _lines.ToArray();
            }
        }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            if (Broken)
            {
                throw new IOException("Broken pipe");
            }
            lock (_lines)
            {
                foreach (var b in buffer)
                {
                    if (b == (byte)'\n')
                    {
                        _lines.Add(Encoding.UTF8.GetString(_partial.ToArray()));
                        _partial.SetLength(0);
                    }
                    else
                    {
                        _partial.WriteByte(b);
                    }
                }
            }
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
