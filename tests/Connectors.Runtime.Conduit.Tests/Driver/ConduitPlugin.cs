using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using ConduitWire.Connector.V2;
using Grpc.Core;
using ConduitWire.Grpc.Health.V1;
using Grpc.Net.Client;

namespace Connectors.Runtime.Conduit.Tests.Driver;

/// <summary>
/// One plugin process, started as Conduit starts it: the executable with no arguments, in an environment holding only
/// the cookie and the protocol versions (plus what a test adds), stdout read for the handshake line, then a gRPC channel
/// to the address it names. Disposal shuts the plugin down (GRPCController.Shutdown), then kills it if it lingers.
/// </summary>
internal sealed class ConduitPlugin : IAsyncDisposable
{
    public const string Cookie = "204e8e812c3a1bb73b838928c575b42a105dd2e9aa449be481bc4590486df53f";

    private readonly Process _process;
    private readonly List<string> _stdout = new();
    private readonly List<string> _stderr = new();
    private readonly TaskCompletionSource<string?> _firstLine = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ConduitPlugin(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                _firstLine.TrySetResult(null);
                return;
            }
            lock (_stdout)
            {
                _stdout.Add(e.Data);
            }
            _firstLine.TrySetResult(e.Data);
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (_stderr)
                {
                    _stderr.Add(e.Data);
                }
            }
        };
    }

    public GrpcChannel Channel { get; private set; } = null!;

    public string HandshakeLine { get; private set; } = "";

    public Process Process => _process;

    public SpecifierPlugin.SpecifierPluginClient Specifier => new(Channel);

    public SourcePlugin.SourcePluginClient Source => new(Channel);

    public DestinationPlugin.DestinationPluginClient Destination => new(Channel);

    public Health.HealthClient Health => new(Channel);

    public global::ConduitWire.Plugin.GRPCController.GRPCControllerClient Controller => new(Channel);

    public IReadOnlyList<string> Stdout
    {
        get
        {
            lock (_stdout)
            {
                return _stdout.ToList();
            }
        }
    }

    public string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return string.Join("\n", _stderr);
            }
        }
    }

    /// <summary>Starts the executable as Conduit does and waits for its handshake line.</summary>
    /// <param name="executable">The published plugin.</param>
    /// <param name="environment">Variables besides the cookie and versions (a null value removes one of those).</param>
    public static async Task<ConduitPlugin> StartAsync(string executable, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var plugin = Launch(executable, environment, []);
        var line = await plugin._firstLine.Task.WaitAsync(TimeSpan.FromSeconds(90));
        if (line is null)
        {
            await plugin._process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            throw new InvalidOperationException($"The plugin wrote no handshake line and exited with {plugin._process.ExitCode}:\n{plugin.Stderr}");
        }
        plugin.HandshakeLine = line;
        var parts = line.Split('|');
        if (parts.Length != 5 || parts[2] != "tcp" || parts[4] != "grpc")
        {
            throw new InvalidOperationException($"Not a go-plugin handshake line: '{line}'.");
        }
        plugin.Channel = GrpcChannel.ForAddress("http://" + parts[3], new GrpcChannelOptions { MaxReceiveMessageSize = 16 * 1024 * 1024 });
        return plugin;
    }

    /// <summary>Starts the executable without waiting for anything (to watch it refuse to start).</summary>
    public static ConduitPlugin Launch(string executable, IReadOnlyDictionary<string, string?>? environment, IReadOnlyList<string> args)
    {
        var info = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        // Conduit's plugin environment: no PATH, HOME or DOTNET_ROOT.
        info.Environment.Clear();
        info.Environment["CONDUIT_PLUGIN_MAGIC_COOKIE"] = Cookie;
        info.Environment["PLUGIN_PROTOCOL_VERSIONS"] = "1,2";
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                info.Environment.Remove(name);
            }
            else
            {
                info.Environment[name] = value;
            }
        }
        var process = new Process { StartInfo = info };
        var plugin = new ConduitPlugin(process);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return plugin;
    }

    /// <summary>Waits for the process to exit; false when it is still running after <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        try
        {
            await _process.WaitForExitAsync().WaitAsync(timeout);
            // Let the output readers drain.
            _process.WaitForExit();
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited && Channel is not null)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await Controller.ShutdownAsync(new global::ConduitWire.Plugin.Empty(), cancellationToken: timeout.Token);
            }
            catch (Exception ex) when (ex is RpcException or OperationCanceledException)
            {
            }
        }
        if (!await WaitForExitAsync(TimeSpan.FromSeconds(10)))
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        Channel?.Dispose();
        _process.Dispose();
    }
}
