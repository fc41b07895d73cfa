using System;
using System.Buffers;
using Grpc.Core;

namespace Connectors.Runtime.Conduit.Source;

/// <summary>
/// A source Run request (<c>connector.v2.Source.Run.Request</c>) as the plugin reads it: its <c>ack_positions</c> (field 1,
/// repeated bytes) copied back to back into one buffer, without a <c>ByteString</c> per position. Unknown fields are
/// skipped, as protobuf parsers do.
/// </summary>
internal sealed class EncodedAcks
{
    private const int AckPositionsTag = (1 << 3) | 2;

    /// <summary>Reads the request; the plugin never sends one.</summary>
    public static readonly Marshaller<EncodedAcks> Marshaller = Marshallers.Create<EncodedAcks>(
        static (_, _) => throw new NotSupportedException("The plugin reads acks; it does not send them."),
        static context => Parse(context.PayloadAsReadOnlySequence()));

    private byte[] _bytes = [];
    private int[] _ends = [];

    public int Count { get; private set; }

    /// <summary>Position <paramref name="index"/>.</summary>
    public ReadOnlySpan<byte> this[int index]
    {
        get
        {
            var start = index == 0 ? 0 : _ends[index - 1];
            return _bytes.AsSpan(start, _ends[index] - start);
        }
    }

    /// <exception cref="InvalidOperationException">Not a well-formed request.</exception>
    public static EncodedAcks Parse(ReadOnlySequence<byte> payload)
    {
        var acks = new EncodedAcks();
        ReadOnlySpan<byte> data = payload.IsSingleSegment ? payload.FirstSpan : payload.ToArray();
        acks._bytes = new byte[data.Length];
        acks._ends = new int[Math.Max(4, data.Length / 16)];
        var length = 0;
        var at = 0;
        while (at < data.Length)
        {
            var tag = ReadVarint(data, ref at);
            switch (tag & 7)
            {
                case 0:
                    ReadVarint(data, ref at);
                    break;
                case 1:
                    at += 8;
                    break;
                case 5:
                    at += 4;
                    break;
                case 2:
                    var size = checked((int)ReadVarint(data, ref at));
                    if (size < 0 || at + size > data.Length)
                    {
                        throw new InvalidOperationException("A Run request ends inside a field.");
                    }
                    if (tag == AckPositionsTag)
                    {
                        data.Slice(at, size).CopyTo(acks._bytes.AsSpan(length));
                        length += size;
                        if (acks.Count == acks._ends.Length)
                        {
                            Array.Resize(ref acks._ends, acks._ends.Length * 2);
                        }
                        acks._ends[acks.Count++] = length;
                    }
                    at += size;
                    break;
                default:
                    throw new InvalidOperationException($"A Run request has a field of wire type {tag & 7}.");
            }
        }
        if (at != data.Length)
        {
            throw new InvalidOperationException("A Run request ends inside a field.");
        }
        return acks;
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> data, ref int at)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (at >= data.Length)
            {
                throw new InvalidOperationException("A Run request ends inside a varint.");
            }
            var b = data[at++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
        throw new InvalidOperationException("A Run request has a varint longer than 10 bytes.");
    }
}
