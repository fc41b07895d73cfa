using System.Threading.Tasks;
using Grpc.Core;
using ConduitWire.Grpc.Health.V1;

namespace Connectors.Runtime.Conduit.Plugin.Services;

/// <summary>gRPC health: go-plugin's client asks for service <c>plugin</c>; every service is SERVING while the process runs.</summary>
internal sealed class HealthService : Health.HealthBase
{
    private readonly PluginState _plugin;

    public HealthService(PluginState plugin) => _plugin = plugin;

    public override Task<HealthCheckResponse> Check(HealthCheckRequest request, ServerCallContext context) =>
        Task.FromResult(new HealthCheckResponse { Status = Status });

    public override async Task Watch(HealthCheckRequest request, IServerStreamWriter<HealthCheckResponse> responseStream, ServerCallContext context)
    {
        await responseStream.WriteAsync(new HealthCheckResponse { Status = Status }).ConfigureAwait(false);
        using var both = System.Threading.CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, _plugin.Stopping);
        try
        {
            await Task.Delay(System.Threading.Timeout.Infinite, both.Token).ConfigureAwait(false);
        }
        catch (System.OperationCanceledException)
        {
        }
    }

    private HealthCheckResponse.Types.ServingStatus Status => _plugin.Stopping.IsCancellationRequested
        ? HealthCheckResponse.Types.ServingStatus.NotServing
        : HealthCheckResponse.Types.ServingStatus.Serving;
}
