using System.Threading.Tasks;
using Grpc.Core;

namespace Connectors.Runtime.Conduit.Plugin.Services;

/// <summary>go-plugin's controller: Shutdown answers, then the process exits.</summary>
internal sealed class ControllerService : global::ConduitWire.Plugin.GRPCController.GRPCControllerBase
{
    private readonly PluginState _plugin;

    public ControllerService(PluginState plugin) => _plugin = plugin;

    public override Task<global::ConduitWire.Plugin.Empty> Shutdown(global::ConduitWire.Plugin.Empty request, ServerCallContext context)
    {
        // The answer goes out before Kestrel stops: the stop waits for calls in flight.
        _plugin.Shutdown();
        return Task.FromResult(new global::ConduitWire.Plugin.Empty());
    }
}
