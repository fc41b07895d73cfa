using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Connectors.Runtime.Hosting;
using Connectors.Runtime.Protocol;
using Xunit;

namespace Connectors.Runtime.Tests.Support;

/// <summary>
/// A command host entry point (<c>command</c> or <c>serve</c>) run in-process from its command line to its exit code:
/// stdin is a given text, stdout and stderr are kept. The connector is <see cref="ServedConnector"/>.
/// </summary>
internal sealed class CommandHostRun : IDisposable
{
    private readonly MemoryStream _stdout = new();
    private readonly Stream? _brokenStdout;
    private readonly Func<string, string?> _environment;
    private readonly StringWriter _stderr = new();
    private readonly TextWriter _stderrSync;
    private readonly StopController _stop = new(TimeSpan.FromMinutes(5));

    /// <param name="config">The config file's JSON.</param>
    /// <param name="stdout">Another stdout than the kept one (one that breaks).</param>
    /// <param name="environment">The environment variables the host reads through its IO (none set by default).</param>
    public CommandHostRun(string config = """{"version":1}""", Stream? stdout = null, Func<string, string?>? environment = null)
    {
        _brokenStdout = stdout;
        _environment = environment ?? (_ => null);
        ConfigPath = Folder.Write("config.json", config);
        _stderrSync = TextWriter.Synchronized(_stderr);
    }

    public TempDir Folder { get; } = new();

    public string ConfigPath { get; }

    public ServedConnectorScript Script { get; } = new();

    public int ExitCode { get; private set; }

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

    /// <summary>The stdout lines, parsed.</summary>
    public IReadOnlyList<JsonElement> Stdout => Encoding.UTF8.GetString(_stdout.ToArray())
        .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement.Clone()).ToList();

    /// <summary>Runs <paramref name="host"/> with <paramref name="args"/> (and <c>--config FILE</c> after them).</summary>
    public async Task<CommandHostRun> RunAsync(Func<HostContext<ServedConnector>, Task<int>> host, string[] args, string stdin = "",
        Action<StopController>? whileRunning = null)
    {
        Assert.True(CommandLine.TryParse([.. args, "--config", ConfigPath], out var commandLine, out var error), error);
        var stdout = _brokenStdout ?? _stdout;
        var io = new HostIO(stdout, _stderrSync, new MemoryStream(Encoding.UTF8.GetBytes(stdin))) { GetEnvironmentVariable = _environment };
        var context = new HostContext<ServedConnector>(Script.Descriptor(), commandLine, io, new JsonLineWriter(stdout), _stop);
        var running = host(context);
        whileRunning?.Invoke(_stop);
        ExitCode = await running.WaitAsync(TimeSpan.FromMinutes(1));
        return this;
    }

    public void Dispose()
    {
        _stop.Dispose();
        Folder.Dispose();
    }
}
