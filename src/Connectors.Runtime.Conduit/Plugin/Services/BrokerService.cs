using System.Threading.Tasks;
using Grpc.Core;

namespace Connectors.Runtime.Conduit.Plugin.Services;

/// <summary>
/// go-plugin's broker, for plugins that open more connections. Conduit never asks for one; the stream is read to its
/// end (so a client that opens it is not refused) and nothing is offered.
/// </summary>
internal sealed class BrokerService : global::ConduitWire.Plugin.GRPCBroker.GRPCBrokerBase
{
    public override async Task StartStream(IAsyncStreamReader<global::ConduitWire.Plugin.ConnInfo> requestStream,
        IServerStreamWriter<global::ConduitWire.Plugin.ConnInfo> responseStream, ServerCallContext context)
    {
        try
        {
            while (await requestStream.MoveNext(context.CancellationToken).ConfigureAwait(false))
            {
            }
        }
        catch (System.OperationCanceledException)
        {
        }
    }
}
