using System;
using Connectors.Runtime.Conduit.Records;
using Grpc.Core;

namespace Connectors.Runtime.Conduit.Source;

/// <summary>
/// A source Run response (<c>connector.v2.Source.Run.Response</c>) already in wire format: its <c>records</c> field
/// (1) once per record, each an encoded OpenCDC record. An embedded message and a bytes field are the same on the wire,
/// so Conduit reads exactly the message it expects. One instance is reused: the gRPC writer serializes it before
/// <c>WriteAsync</c> completes.
/// </summary>
internal sealed class EncodedRecords
{
    private const int RecordsField = 1;

    /// <summary>Serializes the response as written; the plugin never reads one.</summary>
    public static readonly Marshaller<EncodedRecords> Marshaller = Marshallers.Create<EncodedRecords>(
        static (response, context) =>
        {
            context.SetPayloadLength(response._proto.Length);
            response._proto.CopyTo(context.GetBufferWriter());
            context.Complete();
        },
        static _ => throw new NotSupportedException("The plugin sends source records; it does not read them."));

    private readonly ProtoWriter _proto = new();

    public int Count { get; private set; }

    /// <summary>Wire bytes so far.</summary>
    public int Length => _proto.Length;

    public void Clear()
    {
        _proto.Clear();
        Count = 0;
    }

    public void Add(ReadOnlySpan<byte> record)
    {
        _proto.WriteBytesField(RecordsField, record);
        Count++;
    }
}
