using System;
using System.Threading;
using System.Threading.Tasks;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace Connectors.Runtime.Conduit.Plugin.Services;

/// <summary>
/// go-plugin's stdio stream, which Conduit opens at once. Logs already go to stderr, which Conduit reads, and stdout
/// carries nothing after the handshake, so the stream stays open and empty until the plugin stops.
/// </summary>
internal sealed class StdioService : global::ConduitWire.Plugin.GRPCStdio.GRPCStdioBase
{
    private readonly PluginState _plugin;

    public StdioService(PluginState plugin) => _plugin = plugin;

    public override async Task StreamStdio(Empty request, IServerStreamWriter<global::ConduitWire.Plugin.StdioData> responseStream, ServerCallContext context)
    {
        using var both = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, _plugin.Stopping);
        try
        {
            await Task.Delay(Timeout.Infinite, both.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
