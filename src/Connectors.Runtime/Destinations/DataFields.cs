using System;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Connectors;

/// <summary>
/// One top-level property of a record's <c>data</c> object, as byte ranges relative to the object's first byte: its
/// name (without quotes) and its value (a string with its quotes). Made while the <c>write</c> command's line parser
/// validates the line, so a <see cref="RecordFieldReader"/> finds the columns without tokenizing the record again.
/// </summary>
internal readonly record struct DataField(int NameStart, int NameLength, int ValueStart, int ValueLength, JsonValueKind Kind,
    bool NameEscaped, bool ValueEscaped);

/// <summary>A reusable, growable list of <see cref="DataField"/>s: the properties of one data object.</summary>
internal sealed class DataFields
{
    private DataField[] _items = new DataField[16];
    private int _count;

    public int Count => _count;

    public ReadOnlySpan<DataField> AsSpan() => _items.AsSpan(0, _count);

    /// <summary>Empties the list for the next object.</summary>
    public void Clear() => _count = 0;

    /// <summary>Appends one property.</summary>
    public void Add(in DataField field) => Add(field.NameStart, field.NameLength, field.ValueStart, field.ValueLength, field.Kind,
        field.NameEscaped, field.ValueEscaped);

    /// <summary>
    /// Appends one property, built in its slot: the scanner's hot path (a struct built on the stack and copied in
    /// stalled on store forwarding under native AOT).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(int nameStart, int nameLength, int valueStart, int valueLength, JsonValueKind kind, bool nameEscaped, bool valueEscaped)
    {
        var items = _items;
        var count = _count;
        if ((uint)count >= (uint)items.Length)
        {
            items = Grow();
        }
        items[count] = new DataField(nameStart, nameLength, valueStart, valueLength, kind, nameEscaped, valueEscaped);
        _count = count + 1;
    }

    private DataField[] Grow()
    {
        Array.Resize(ref _items, _items.Length * 2);
        return _items;
    }

    /// <summary>
    /// Reads an object from its <see cref="JsonTokenType.StartObject"/> (where <paramref name="reader"/> is) to its end,
    /// listing its properties; the reader checks the whole object's syntax on the way, nested values included.
    /// </summary>
    /// <param name="reader">A reader positioned on the object's start.</param>
    /// <param name="origin">The offset of the object's first byte in the reader's input; the ranges are relative to it.</param>
    /// <exception cref="JsonException">The object is not valid JSON.</exception>
    public void ReadObject(ref Utf8JsonReader reader, int origin)
    {
        _count = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var nameStart = (int)reader.TokenStartIndex + 1 - origin;
            var nameLength = reader.ValueSpan.Length;
            var nameEscaped = reader.ValueIsEscaped;
            reader.Read();
            var valueStart = (int)reader.TokenStartIndex;
            int valueLength;
            var escaped = false;
            JsonValueKind kind;
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                case JsonTokenType.StartArray:
                    kind = reader.TokenType == JsonTokenType.StartObject ? JsonValueKind.Object : JsonValueKind.Array;
                    reader.Skip();
                    valueLength = (int)reader.BytesConsumed - valueStart;
                    break;
                case JsonTokenType.String:
                    kind = JsonValueKind.String;
                    escaped = reader.ValueIsEscaped;
                    valueLength = reader.ValueSpan.Length + 2;
                    break;
                default:
                    kind = reader.TokenType switch
                    {
                        JsonTokenType.Number => JsonValueKind.Number,
                        JsonTokenType.True => JsonValueKind.True,
                        JsonTokenType.False => JsonValueKind.False,
                        _ => JsonValueKind.Null,
                    };
                    valueLength = reader.ValueSpan.Length;
                    break;
            }
            Add(new DataField(nameStart, nameLength, valueStart - origin, valueLength, kind, nameEscaped, escaped));
        }
    }
}
