using System.Threading.Tasks;
using ConduitWire.Connector.V2;
using Connectors.Runtime.Conduit.Config;
using Connectors.Runtime.Conduit.Source;
using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace Connectors.Runtime.Conduit.Plugin.Services;

/// <summary>
/// SourcePlugin: Configure binds the config, Open prepares the read from the last acknowledged position, Run streams
/// records and takes acks, Stop returns the last position put on the stream, Teardown releases everything.
/// </summary>
internal sealed class SourceService<TConnector> : SourcePlugin.EncodedSourcePluginBase where TConnector : class
{
    private readonly PluginState<TConnector> _plugin;
    private readonly ILogger _logger;

    public SourceService(PluginState<TConnector> plugin)
    {
        _plugin = plugin;
        _logger = plugin.Loggers.CreateLogger(plugin.Descriptor.Name);
    }

    public override async Task<ConduitWire.Connector.V2.Source.Types.Configure.Types.Response> Configure(ConduitWire.Connector.V2.Source.Types.Configure.Types.Request request, ServerCallContext context)
    {
        RequireSource();
        await _plugin.ConfigureAsync(request.Config).ConfigureAwait(false);
        _logger.LogInformation("Configured ({Parameters} parameters).", request.Config.Count);
        return new();
    }

    public override async Task<ConduitWire.Connector.V2.Source.Types.Open.Types.Response> Open(ConduitWire.Connector.V2.Source.Types.Open.Types.Request request, ServerCallContext context)
    {
        var configured = _plugin.Configured ?? throw NotConfigured();
        if (_plugin.Session is { } previous)
        {
            await previous.DisposeAsync().ConfigureAwait(false);
        }
        _plugin.Session = await SourceSession<TConnector>.OpenAsync(_plugin.Descriptor, configured, request.Position, _logger, context.CancellationToken).ConfigureAwait(false);
        await _plugin.StartedAsync().ConfigureAwait(false);
        _logger.LogInformation(request.Position.IsEmpty ? "Opened: a first read." : "Opened: resuming from {Position}.", request.Position.ToStringUtf8());
        return new();
    }

    public override Task Run(IAsyncStreamReader<EncodedAcks> requestStream,
        IServerStreamWriter<EncodedRecords> responseStream, ServerCallContext context) =>
        Session().RunAsync(requestStream, responseStream, context.CancellationToken);

    public override async Task<ConduitWire.Connector.V2.Source.Types.Stop.Types.Response> Stop(ConduitWire.Connector.V2.Source.Types.Stop.Types.Request request, ServerCallContext context)
    {
        var last = await Session().StopAsync().ConfigureAwait(false);
        await _plugin.StoppedAsync().ConfigureAwait(false);
        _logger.LogInformation("Stopped; the last position on the stream: {Position}.", last.ToStringUtf8());
        return new() { LastPosition = last };
    }

    public override async Task<ConduitWire.Connector.V2.Source.Types.Teardown.Types.Response> Teardown(ConduitWire.Connector.V2.Source.Types.Teardown.Types.Request request, ServerCallContext context)
    {
        await _plugin.TeardownAsync().ConfigureAwait(false);
        _logger.LogInformation("Torn down.");
        return new();
    }

    public override async Task<ConduitWire.Connector.V2.Source.Types.Lifecycle.Types.OnCreated.Types.Response> LifecycleOnCreated(
        ConduitWire.Connector.V2.Source.Types.Lifecycle.Types.OnCreated.Types.Request request, ServerCallContext context)
    {
        _logger.LogDebug("Lifecycle: created.");
        await _plugin.ConfigChangedAsync(request.Config).ConfigureAwait(false);
        return new();
    }

    public override async Task<ConduitWire.Connector.V2.Source.Types.Lifecycle.Types.OnUpdated.Types.Response> LifecycleOnUpdated(
        ConduitWire.Connector.V2.Source.Types.Lifecycle.Types.OnUpdated.Types.Request request, ServerCallContext context)
    {
        _logger.LogDebug("Lifecycle: the configuration changed since the last run.");
        await _plugin.ConfigChangedAsync(request.ConfigAfter).ConfigureAwait(false);
        return new();
    }

    public override async Task<ConduitWire.Connector.V2.Source.Types.Lifecycle.Types.OnDeleted.Types.Response> LifecycleOnDeleted(
        ConduitWire.Connector.V2.Source.Types.Lifecycle.Types.OnDeleted.Types.Request request, ServerCallContext context)
    {
        _logger.LogDebug("Lifecycle: deleted.");
        await _plugin.DeletedAsync(request.Config).ConfigureAwait(false);
        return new();
    }

    private SourceSession<TConnector> Session() =>
        _plugin.Session as SourceSession<TConnector> ?? throw new RpcException(new Status(StatusCode.FailedPrecondition, "Open was not called."));

    private void RequireSource()
    {
        if (_plugin.Descriptor.Kind != ConnectorKind.Source)
        {
            throw new RpcException(new Status(StatusCode.Unimplemented, $"{_plugin.Descriptor.Name} is a destination, not a source."));
        }
    }

    private static RpcException NotConfigured() => new(new Status(StatusCode.FailedPrecondition, "Configure was not called."));
}
