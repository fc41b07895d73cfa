using System;
using System.Net.Http;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using ConduitWire.Connector.V2;
using ConduitWire.Grpc.Health.V1;
using Connectors.Testing.Processes;
using Connectors.Testing.Session;
using Grpc.Core;
using Grpc.Net.Client;

namespace Connectors.Testing.Conduit;

/// <summary>
/// One plugin process, started as Conduit starts it (no arguments, the cookie in an otherwise empty environment), its
/// first stdout line read as go-plugin's handshake, and a gRPC channel (HTTP/2 without TLS) to the address it names.
/// Ending it sends <c>GRPCController.Shutdown</c> as Conduit does after Teardown, then kills the process if it lingers.
/// </summary>
internal sealed partial class PluginProcess : IAsyncDisposable
{
    /// <summary>How long Conduit waits for the handshake line.</summary>
    public static readonly TimeSpan HandshakeTimeout = TimeSpan.FromMinutes(1);

    /// <summary>How long after Shutdown (or SIGTERM) a plugin may take to exit: Conduit kills it after about 2 s; 5 s is the kit's allowance.</summary>
    public static readonly TimeSpan ExitAllowance = TimeSpan.FromSeconds(5);

    private readonly KitSession _session;
    private readonly ConnectorProcess _process;
    private ProcessRun? _run;

    private PluginProcess(KitSession session, ConnectorProcess process, string line, GrpcChannel channel)
    {
        _session = session;
        _process = process;
        HandshakeLine = line;
        Channel = channel;
    }

    /// <summary><c>CORE|APP|tcp|127.0.0.1:PORT|grpc</c>, core protocol 1 and app protocol 2.</summary>
    [GeneratedRegex(@"^1\|2\|tcp\|127\.0\.0\.1:(?<port>[0-9]{1,5})\|grpc$")]
    public static partial Regex HandshakePattern();

    /// <summary>The plugin's first stdout line.</summary>
    public string HandshakeLine { get; }

    public GrpcChannel Channel { get; }

    public ConnectorProcess Process => _process;

    public SpecifierPlugin.SpecifierPluginClient Specifier => new(Channel);

    public SourcePlugin.SourcePluginClient Source => new(Channel);

    public DestinationPlugin.DestinationPluginClient Destination => new(Channel);

    public Health.HealthClient Health => new(Channel);

    public ConduitWire.Plugin.GRPCController.GRPCControllerClient Controller => new(Channel);

    /// <summary>Starts the plugin and reads its handshake; fails the rule (with the run) when the line is missing or malformed.</summary>
    public static async Task<PluginProcess> StartAsync(KitSession session)
    {
        var process = session.Start([]);
        var index = await process.WaitForLineAsync(_ => true, 0, HandshakeTimeout).ConfigureAwait(false);
        var line = index < 0 ? null : process.LinesSoFar()[index];
        if (line is null || !HandshakePattern().IsMatch(line))
        {
            await using (process)
            {
                await process.KillAsync().ConfigureAwait(false);
                var run = await session.Record(process.WaitForExitAsync()).ConfigureAwait(false);
                var problems = new RuleProblems();
                problems.Add(line is null
                    ? $"the plugin wrote no handshake line on stdout within {HandshakeTimeout.TotalSeconds:0} s"
                    : $"the plugin's first stdout line is '{line}', not go-plugin's handshake 1|2|tcp|127.0.0.1:PORT|grpc", run);
                problems.ThrowIfAny("the plugin must start as Conduit starts it");
            }
        }
        var address = line!.Split('|')[3];
        var channel = GrpcChannel.ForAddress("http://" + address, new GrpcChannelOptions
        {
            MaxReceiveMessageSize = 64 * 1024 * 1024,
            HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true },
        });
        return new PluginProcess(session, process, line, channel);
    }

    /// <summary>A call's deadline: a hung plugin fails the rule instead of hanging the test.</summary>
    public DateTime Deadline(TimeSpan? within = null) => DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(60));

    /// <summary>
    /// Shutdown, as Conduit ends every plugin; returns the process's run and whether it exited within
    /// <see cref="ExitAllowance"/> (it is killed otherwise).
    /// </summary>
    public async Task<(ProcessRun Run, bool ExitedInTime)> ShutdownAsync()
    {
        if (_run is not null)
        {
            return (_run, true);
        }
        if (!_process.HasExited)
        {
            try
            {
                await Controller.ShutdownAsync(new ConduitWire.Plugin.Empty(), deadline: Deadline(ExitAllowance)).ConfigureAwait(false);
            }
            catch (RpcException)
            {
                // The process may end before its answer leaves it: whether it exits is what counts.
            }
        }
        return await EndAsync().ConfigureAwait(false);
    }

    /// <summary>Sends SIGTERM; returns the run and whether the process exited within <see cref="ExitAllowance"/>.</summary>
    public Task<(ProcessRun Run, bool ExitedInTime)> TerminateAsync()
    {
        _process.Signal(Signals.SIGTERM);
        return EndAsync();
    }

    private async Task<(ProcessRun Run, bool ExitedInTime)> EndAsync()
    {
        var inTime = await _process.ExitsWithinAsync(ExitAllowance).ConfigureAwait(false);
        if (!inTime)
        {
            await _process.KillAsync().ConfigureAwait(false);
        }
        _run = await _session.Record(_process.WaitForExitAsync()).ConfigureAwait(false);
        return (_run, inTime);
    }

    public async ValueTask DisposeAsync()
    {
        if (_run is null)
        {
            await ShutdownAsync().ConfigureAwait(false);
        }
        Channel.Dispose();
        await _process.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>A failed call's status and detail, for messages.</summary>
    public static string Describe(RpcException error) => $"{error.StatusCode}: {error.Status.Detail}";
}
