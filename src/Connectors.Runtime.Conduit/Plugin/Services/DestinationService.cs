using System.Threading.Tasks;
using ConduitWire.Connector.V2;
using Connectors.Runtime.Conduit.Config;
using Connectors.Runtime.Conduit.Destination;
using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace Connectors.Runtime.Conduit.Plugin.Services;

/// <summary>
/// DestinationPlugin: Configure binds the config, Open prepares the writer, Run writes batches through the author's
/// handlers and acknowledges each record after its commit, Stop waits for the last record to be written, Teardown
/// releases the connector.
/// </summary>
internal sealed class DestinationService<TConnector> : DestinationPlugin.DestinationPluginBase where TConnector : class
{
    private readonly PluginState<TConnector> _plugin;
    private readonly ILogger _logger;

    public DestinationService(PluginState<TConnector> plugin)
    {
        _plugin = plugin;
        _logger = plugin.Loggers.CreateLogger(plugin.Descriptor.Name);
    }

    public override async Task<ConduitWire.Connector.V2.Destination.Types.Configure.Types.Response> Configure(ConduitWire.Connector.V2.Destination.Types.Configure.Types.Request request, ServerCallContext context)
    {
        Handlers();
        await _plugin.ConfigureAsync(request.Config).ConfigureAwait(false);
        _logger.LogInformation("Configured ({Parameters} parameters).", request.Config.Count);
        return new();
    }

    public override async Task<ConduitWire.Connector.V2.Destination.Types.Open.Types.Response> Open(ConduitWire.Connector.V2.Destination.Types.Open.Types.Request request, ServerCallContext context)
    {
        var configured = _plugin.Configured ?? throw new RpcException(new Status(StatusCode.FailedPrecondition, "Configure was not called."));
        if (_plugin.Session is { } previous)
        {
            await previous.DisposeAsync().ConfigureAwait(false);
        }
        _plugin.Session = new DestinationSession<TConnector>(configured, Handlers(), _logger, _plugin.Masker);
        await _plugin.StartedAsync().ConfigureAwait(false);
        _logger.LogInformation("Opened.");
        return new();
    }

    public override Task Run(IAsyncStreamReader<ConduitWire.Connector.V2.Destination.Types.Run.Types.Request> requestStream,
        IServerStreamWriter<ConduitWire.Connector.V2.Destination.Types.Run.Types.Response> responseStream, ServerCallContext context) =>
        Session().RunAsync(requestStream, responseStream, context.CancellationToken);

    public override async Task<ConduitWire.Connector.V2.Destination.Types.Stop.Types.Response> Stop(ConduitWire.Connector.V2.Destination.Types.Stop.Types.Request request, ServerCallContext context)
    {
        await Session().StopAsync(request.LastPosition, context.CancellationToken).ConfigureAwait(false);
        await _plugin.StoppedAsync().ConfigureAwait(false);
        _logger.LogInformation("Stopped; everything up to {Position} is written.", request.LastPosition.ToStringUtf8());
        return new();
    }

    public override async Task<ConduitWire.Connector.V2.Destination.Types.Teardown.Types.Response> Teardown(ConduitWire.Connector.V2.Destination.Types.Teardown.Types.Request request, ServerCallContext context)
    {
        await _plugin.TeardownAsync().ConfigureAwait(false);
        _logger.LogInformation("Torn down.");
        return new();
    }

    public override async Task<ConduitWire.Connector.V2.Destination.Types.Lifecycle.Types.OnCreated.Types.Response> LifecycleOnCreated(
        ConduitWire.Connector.V2.Destination.Types.Lifecycle.Types.OnCreated.Types.Request request, ServerCallContext context)
    {
        _logger.LogDebug("Lifecycle: created.");
        await _plugin.ConfigChangedAsync(request.Config).ConfigureAwait(false);
        return new();
    }

    public override async Task<ConduitWire.Connector.V2.Destination.Types.Lifecycle.Types.OnUpdated.Types.Response> LifecycleOnUpdated(
        ConduitWire.Connector.V2.Destination.Types.Lifecycle.Types.OnUpdated.Types.Request request, ServerCallContext context)
    {
        _logger.LogDebug("Lifecycle: the configuration changed since the last run.");
        await _plugin.ConfigChangedAsync(request.ConfigAfter).ConfigureAwait(false);
        return new();
    }

    public override async Task<ConduitWire.Connector.V2.Destination.Types.Lifecycle.Types.OnDeleted.Types.Response> LifecycleOnDeleted(
        ConduitWire.Connector.V2.Destination.Types.Lifecycle.Types.OnDeleted.Types.Request request, ServerCallContext context)
    {
        _logger.LogDebug("Lifecycle: deleted.");
        await _plugin.DeletedAsync(request.Config).ConfigureAwait(false);
        return new();
    }

    private DestinationHandlers<TConnector> Handlers() => _plugin.Descriptor.Destination
        ?? throw new RpcException(new Status(StatusCode.Unimplemented, $"{_plugin.Descriptor.Name} is a source, not a destination."));

    private DestinationSession<TConnector> Session() =>
        _plugin.Session as DestinationSession<TConnector> ?? throw new RpcException(new Status(StatusCode.FailedPrecondition, "Open was not called."));
}
