using System;

namespace Connectors.Runtime.Conduit.Source;

/// <summary>
/// One Run response in the making: its records already in wire format (<see cref="EncodedRecords"/>) and their positions,
/// back to back in one buffer, kept until Conduit has acknowledged every one. Reused: a batch whose acks all came back
/// goes back to the run's pool, so a long read allocates nothing per record.
/// </summary>
internal sealed class OutgoingBatch
{
    private byte[] _positions = new byte[16 * 1024];
    private int[] _ends = new int[1024];
    private int _length;

    public EncodedRecords Response { get; } = new();

    /// <summary>Records in the batch.</summary>
    public int Count { get; private set; }

    /// <summary>Records of the batch Conduit acknowledged so far.</summary>
    public int Acknowledged { get; set; }

    public void Add(ReadOnlySpan<byte> record, ReadOnlySpan<byte> position)
    {
        Response.Add(record);
        if (Count == _ends.Length)
        {
            Array.Resize(ref _ends, _ends.Length * 2);
        }
        if (_length + position.Length > _positions.Length)
        {
            Array.Resize(ref _positions, Math.Max(_positions.Length * 2, _length + position.Length));
        }
        position.CopyTo(_positions.AsSpan(_length));
        _length += position.Length;
        _ends[Count++] = _length;
    }

    /// <summary>The position of record <paramref name="index"/>.</summary>
    public ReadOnlySpan<byte> Position(int index)
    {
        var start = index == 0 ? 0 : _ends[index - 1];
        return _positions.AsSpan(start, _ends[index] - start);
    }

    public void Clear()
    {
        Response.Clear();
        Count = 0;
        Acknowledged = 0;
        _length = 0;
    }
}
