using System;
using System.Collections.Generic;
using System.Text;

namespace Connectors.Client.Caching;

/// <summary>What a cell holds after parsing.</summary>
internal enum CellKind : byte
{
    Null,
    Integer,
    Number,
    Boolean,
    /// <summary>Text (strings, dates and timestamps kept as text, JSON): bytes in the row's arena.</summary>
    Text,
    /// <summary>A parsed timestamp (with or without time zone) or date, plus its text in the arena.</summary>
    Temporal,
}

/// <summary>One cell of a row.</summary>
internal struct Cell
{
    public CellKind Kind;
    public long Integer;
    public double Number;
    public DateTimeOffset Temporal;
    public int Start;
    public int Length;
}

/// <summary>
/// One record as column values, reused for every record of a stream: scalars in place, text as UTF-8 in one growing
/// arena, and the fields that were nulled because they did not fit their column (for <c>_airbyte_meta</c>). The arena is
/// pinned (allocated on the pinned object heap, never moved by the GC), so a writer may hand its address to native code
/// that reads it later: SQLite binds the text without copying it and reads it when the statement steps.
/// </summary>
internal sealed class Row
{
    private static readonly byte[] NoChanges = "{\"changes\":[]}"u8.ToArray();

    private const int MaxKeptArena = 16 * 1024;

    private byte[] _arena;
    private int _used;

    /// <param name="columns">The stream's data columns.</param>
    /// <param name="arenaBytes">The text arena's first size (it grows to the largest record's text).</param>
    public Row(int columns, int arenaBytes = 4096)
    {
        Cells = new Cell[columns];
        _arena = NewArena(arenaBytes);
    }

    public Cell[] Cells { get; }

    /// <summary>Fields nulled on the way (names of record properties).</summary>
    public List<string> Nulled { get; } = new();

    /// <summary>The record's <c>emitted_at</c>, in Unix milliseconds.</summary>
    public long EmittedAt;

    public void Clear()
    {
        if (_arena.Length > MaxKeptArena)
        {
            // A large record passed: give its memory back, so batches of reused rows stay small.
            _arena = NewArena(4096);
        }
        Array.Clear(Cells);
        Nulled.Clear();
        _used = 0;
        EmittedAt = 0;
    }

    private static byte[] NewArena(int bytes) => GC.AllocateUninitializedArray<byte>(bytes, pinned: true);

    public ReadOnlySpan<byte> Text(int column) => _arena.AsSpan(Cells[column].Start, Cells[column].Length);

    public string TextString(int column) => Encoding.UTF8.GetString(Text(column));

    /// <summary>Space for <paramref name="length"/> bytes of text in the arena.</summary>
    public Span<byte> Reserve(int length, out int start)
    {
        if (_used + length > _arena.Length)
        {
            var larger = NewArena(Math.Max(_arena.Length * 2, _used + length));
            _arena.AsSpan(0, _used).CopyTo(larger);
            _arena = larger;
        }
        start = _used;
        _used += length;
        return _arena.AsSpan(start, length);
    }

    /// <summary>Gives back the unused end of the last reservation.</summary>
    public void Shrink(int start, int length) => _used = start + length;

    public void SetText(int column, ReadOnlySpan<byte> text, CellKind kind = CellKind.Text)
    {
        var target = Reserve(text.Length, out var start);
        text.CopyTo(target);
        ref var cell = ref Cells[column];
        cell.Kind = kind;
        cell.Start = start;
        cell.Length = text.Length;
    }

    /// <summary>The <c>_airbyte_meta</c> JSON.</summary>
    public ReadOnlySpan<byte> Meta()
    {
        if (Nulled.Count == 0)
        {
            return NoChanges;
        }
        var json = new StringBuilder("{\"changes\":[");
        for (var i = 0; i < Nulled.Count; i++)
        {
            if (i > 0) json.Append(',');
            json.Append("{\"field\":").Append(System.Text.Json.JsonSerializer.Serialize(Nulled[i], CacheJson.Default.String))
                .Append(",\"change\":\"NULLED\",\"reason\":\"DESTINATION_TYPECAST_ERROR\"}");
        }
        json.Append("]}");
        return Encoding.UTF8.GetBytes(json.ToString());
    }

    public string MetaString() => Nulled.Count == 0 ? "{\"changes\":[]}" : Encoding.UTF8.GetString(Meta());
}

[System.Text.Json.Serialization.JsonSerializable(typeof(string))]
internal sealed partial class CacheJson : System.Text.Json.Serialization.JsonSerializerContext
{
}
