using System;
using System.Collections;
using System.Collections.Generic;
using System.Text;

namespace Connectors;

/// <summary>
/// Records of one stream, in the order they arrived, handed to a destination's write method. The record bytes live in
/// one buffer the runtime reuses: a batch (and every <see cref="DestinationRecord.Data"/> taken from it) is valid only
/// during the call that receives it. A protocol host fills one with <see cref="Add"/>, passes it to
/// <see cref="Connectors.Runtime.DestinationHandlers{TConnector}.Write"/> and empties it with <see cref="Clear()"/> (docs/hosting.md).
/// </summary>
public sealed class RecordBatch : IReadOnlyList<DestinationRecord>
{
    private const int InitialBytes = 64 * 1024;
    private const int InitialRecords = 256;

    private byte[] _bytes = new byte[InitialBytes];
    private int[] _offsets = new int[InitialRecords];
    private int[] _lengths = new int[InitialRecords];
    private long[] _emittedAt = new long[InitialRecords];

    // The top-level properties of each record's data as the line parser found them (RecordFieldReader reads them
    // instead of tokenizing the record again); a record added without them has _fieldCounts -1.
    private const int InitialFields = InitialRecords * 16;
    private DataField[] _fields = Array.Empty<DataField>();
    private int[] _fieldStarts = new int[InitialRecords];
    private int[] _fieldCounts = new int[InitialRecords];
    private int _fieldTotal;

    /// <summary>The number of records.</summary>
    public int Count { get; private set; }

    /// <summary>The bytes of record data the batch holds.</summary>
    public int ByteCount { get; private set; }

    /// <summary>The bytes the buffer can hold before it grows (what a huge record made it take stays until a clear).</summary>
    internal int CapacityBytes => _bytes.Length;

    /// <summary>A record by position.</summary>
    public DestinationRecord this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Count)
            {
                throw new ArgumentOutOfRangeException(nameof(index));
            }
            var data = _bytes.AsMemory(_offsets[index], _lengths[index]);
            return _fieldCounts[index] < 0
                ? new DestinationRecord(data, _emittedAt[index])
                : new DestinationRecord(data, _emittedAt[index], _fields.AsMemory(_fieldStarts[index], _fieldCounts[index]));
        }
    }

    /// <summary>A batch of the given data objects (JSON text), for tests of destination code.</summary>
    public static RecordBatch Of(long emittedAt, params string[] dataObjects)
    {
        var batch = new RecordBatch();
        foreach (var data in dataObjects)
        {
            batch.Add(Encoding.UTF8.GetBytes(data), emittedAt);
        }
        return batch;
    }

    /// <summary>Enumerates the records without allocating.</summary>
    public Enumerator GetEnumerator() => new(this);

    IEnumerator<DestinationRecord> IEnumerable<DestinationRecord>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Appends a record, copying its data (a JSON object, UTF-8).</summary>
    /// <param name="data">The record's data object.</param>
    /// <param name="emittedAt">When the source read it: milliseconds since the Unix epoch.</param>
    public void Add(ReadOnlySpan<byte> data, long emittedAt)
    {
        Append(data, emittedAt);
        _fieldCounts[Count - 1] = -1;
    }

    /// <summary>Appends a record with the list of its data's top-level properties (ranges relative to the data).</summary>
    internal void AddParsed(ReadOnlySpan<byte> data, long emittedAt, ReadOnlySpan<DataField> fields)
    {
        Append(data, emittedAt);
        if (_fields.Length - _fieldTotal < fields.Length)
        {
            Array.Resize(ref _fields, Math.Max(_fieldTotal + fields.Length, Math.Max(InitialFields, _fields.Length * 2)));
        }
        fields.CopyTo(_fields.AsSpan(_fieldTotal));
        _fieldStarts[Count - 1] = _fieldTotal;
        _fieldCounts[Count - 1] = fields.Length;
        _fieldTotal += fields.Length;
    }

    private void Append(ReadOnlySpan<byte> data, long emittedAt)
    {
        if (Count == _offsets.Length)
        {
            Array.Resize(ref _offsets, Count * 2);
            Array.Resize(ref _lengths, Count * 2);
            Array.Resize(ref _emittedAt, Count * 2);
            Array.Resize(ref _fieldStarts, Count * 2);
            Array.Resize(ref _fieldCounts, Count * 2);
        }
        if (_bytes.Length - ByteCount < data.Length)
        {
            // Grow to fit at least this record; a huge record does not double an already huge buffer.
            Array.Resize(ref _bytes, Math.Max(ByteCount + data.Length, (int)Math.Min(Array.MaxLength, (long)_bytes.Length * 2)));
        }
        data.CopyTo(_bytes.AsSpan(ByteCount));
        _offsets[Count] = ByteCount;
        _lengths[Count] = data.Length;
        _emittedAt[Count] = emittedAt;
        ByteCount += data.Length;
        Count++;
    }

    /// <summary>Empties the batch for reuse (after the write method returned).</summary>
    public void Clear() => Clear(DestinationStream.DefaultMaxBatchBytes);

    /// <summary>Empties the batch for reuse; gives back memory a huge record made it take.</summary>
    internal void Clear(int keepBytes)
    {
        Count = 0;
        ByteCount = 0;
        _fieldTotal = 0;
        if (_bytes.Length > 2 * Math.Max(keepBytes, InitialBytes))
        {
            _bytes = new byte[InitialBytes];
        }
        // A record with a huge number of properties took as many entries as its data took bytes, at most.
        if (_fields.Length > Math.Max(keepBytes / 16, InitialFields))
        {
            _fields = Array.Empty<DataField>();
        }
    }

    /// <summary>Enumerates a batch's records.</summary>
    public struct Enumerator : IEnumerator<DestinationRecord>
    {
        private readonly RecordBatch _batch;
        private int _index;

        internal Enumerator(RecordBatch batch)
        {
            _batch = batch;
            _index = -1;
        }

        /// <inheritdoc />
        public readonly DestinationRecord Current => _batch[_index];

        readonly object IEnumerator.Current => Current;

        /// <inheritdoc />
        public bool MoveNext() => ++_index < _batch.Count;

        /// <inheritdoc />
        public void Reset() => _index = -1;

        /// <inheritdoc />
        public readonly void Dispose()
        {
        }
    }
}
