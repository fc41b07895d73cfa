using System.Threading.Tasks;
using Connectors.Runtime.Conduit.Source;
using Grpc.Core;

// The generated service class, extended: SourcePlugin served with Run's responses pre-encoded (EncodedRecords) and its
// requests' ack positions read in place (EncodedAcks). The other methods and every message keep the generated
// marshallers; the method names and wire format are unchanged.
namespace ConduitWire.Connector.V2;

internal static partial class SourcePlugin
{
    // A holder of its own: the generated fields it uses are initialized first (static fields of one type in several
    // files have no defined order).
    private static class Encoded
    {
        public static readonly Method<EncodedAcks, EncodedRecords> Run = new(
            MethodType.DuplexStreaming, __ServiceName, "Run", EncodedAcks.Marshaller, EncodedRecords.Marshaller);
    }

    /// <summary>Binds <see cref="EncodedSourcePluginBase"/>'s methods (Grpc.AspNetCore resolves the implementations by name).</summary>
    public static void BindEncodedService(ServiceBinderBase binder, EncodedSourcePluginBase? service)
    {
        binder.AddMethod(__Method_Configure, service is null ? null : service.Configure);
        binder.AddMethod(__Method_Open, service is null ? null : service.Open);
        binder.AddMethod(Encoded.Run, service is null ? null : service.Run);
        binder.AddMethod(__Method_Stop, service is null ? null : service.Stop);
        binder.AddMethod(__Method_Teardown, service is null ? null : service.Teardown);
        binder.AddMethod(__Method_LifecycleOnCreated, service is null ? null : service.LifecycleOnCreated);
        binder.AddMethod(__Method_LifecycleOnUpdated, service is null ? null : service.LifecycleOnUpdated);
        binder.AddMethod(__Method_LifecycleOnDeleted, service is null ? null : service.LifecycleOnDeleted);
    }

    /// <summary><c>connector.v2.SourcePlugin</c> as the plugin serves it: like the generated base, with Run's messages in wire form.</summary>
    [BindServiceMethod(typeof(SourcePlugin), nameof(BindEncodedService))]
    public abstract class EncodedSourcePluginBase
    {
        public abstract Task<Source.Types.Configure.Types.Response> Configure(Source.Types.Configure.Types.Request request, ServerCallContext context);

        public abstract Task<Source.Types.Open.Types.Response> Open(Source.Types.Open.Types.Request request, ServerCallContext context);

        public abstract Task Run(IAsyncStreamReader<EncodedAcks> requestStream, IServerStreamWriter<EncodedRecords> responseStream, ServerCallContext context);

        public abstract Task<Source.Types.Stop.Types.Response> Stop(Source.Types.Stop.Types.Request request, ServerCallContext context);

        public abstract Task<Source.Types.Teardown.Types.Response> Teardown(Source.Types.Teardown.Types.Request request, ServerCallContext context);

        public abstract Task<Source.Types.Lifecycle.Types.OnCreated.Types.Response> LifecycleOnCreated(Source.Types.Lifecycle.Types.OnCreated.Types.Request request, ServerCallContext context);

        public abstract Task<Source.Types.Lifecycle.Types.OnUpdated.Types.Response> LifecycleOnUpdated(Source.Types.Lifecycle.Types.OnUpdated.Types.Request request, ServerCallContext context);

        public abstract Task<Source.Types.Lifecycle.Types.OnDeleted.Types.Response> LifecycleOnDeleted(Source.Types.Lifecycle.Types.OnDeleted.Types.Request request, ServerCallContext context);
    }
}
