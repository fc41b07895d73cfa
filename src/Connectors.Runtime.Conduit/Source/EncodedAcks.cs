using System;
using System.Buffers;
using System.Collections.Concurrent;
using Grpc.Core;

namespace Connectors.Runtime.Conduit.Source;

/// <summary>
/// A source Run request (<c>connector.v2.Source.Run.Request</c>) as the plugin reads it: its <c>ack_positions</c> (field 1,
/// repeated bytes) as slices of one copy of the request, without a <c>ByteString</c> per position. Unknown fields are
/// skipped, as protobuf parsers do. Reused: the reader hands a request back (<see cref="Release"/>) once its acks are
/// checked, so a long read allocates nothing per request (a request acking a 1,000-record batch is ~100 KB: a fresh
/// buffer each time lands on the large object heap, which only a full collection frees, and RSS grew with the read).
/// </summary>
internal sealed class EncodedAcks
{
    private const int AckPositionsTag = (1 << 3) | 2;

    /// <summary>Requests given back; a Run stream holds one at a time, so a few cover every stream of the process.</summary>
    private const int MaxPooled = 4;

    private static readonly ConcurrentQueue<EncodedAcks> Pool = new();

    /// <summary>Reads the request; the plugin never sends one.</summary>
    public static readonly Marshaller<EncodedAcks> Marshaller = Marshallers.Create<EncodedAcks>(
        static (_, _) => throw new NotSupportedException("The plugin reads acks; it does not send them."),
        static context => Parse(context.PayloadAsReadOnlySequence()));

    private byte[] _bytes = new byte[4096];
    private int[] _starts = new int[256];
    private int[] _ends = new int[256];

    public int Count { get; private set; }

    /// <summary>Position <paramref name="index"/>.</summary>
    public ReadOnlySpan<byte> this[int index] => _bytes.AsSpan(_starts[index], _ends[index] - _starts[index]);

    /// <summary>Reads a request into a pooled instance (or a new one); give it back with <see cref="Release"/>.</summary>
    /// <exception cref="InvalidOperationException">Not a well-formed request.</exception>
    public static EncodedAcks Parse(ReadOnlySequence<byte> payload)
    {
        var acks = Pool.TryDequeue(out var pooled) ? pooled : new EncodedAcks();
        try
        {
            acks.Read(payload);
        }
        catch
        {
            acks.Release();
            throw;
        }
        return acks;
    }

    /// <summary>The positions are no longer read: the instance (and its buffers) may serve the next request.</summary>
    public void Release()
    {
        Count = 0;
        if (Pool.Count < MaxPooled)
        {
            Pool.Enqueue(this);
        }
    }

    private void Read(ReadOnlySequence<byte> payload)
    {
        Count = 0;
        var length = checked((int)payload.Length);
        if (_bytes.Length < length)
        {
            _bytes = new byte[Math.Max(length, _bytes.Length * 2)];
        }
        payload.CopyTo(_bytes);
        var data = _bytes.AsSpan(0, length);
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
                        if (Count == _ends.Length)
                        {
                            Array.Resize(ref _starts, _starts.Length * 2);
                            Array.Resize(ref _ends, _ends.Length * 2);
                        }
                        _starts[Count] = at;
                        _ends[Count++] = at + size;
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
