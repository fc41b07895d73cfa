using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Connectors;

/// <summary>
/// Splits records' <c>data</c> objects into the values of a fixed list of top-level fields (a table's columns) without
/// allocating: each value is a slice of the record's bytes. Records the <c>write</c> command received are not tokenized
/// again: its line parser, which validates every line, lists the data's top-level properties on the same pass. Properties the list does not name are
/// skipped. Records of a stream usually list their properties in the same order, so each name is first compared with
/// the field found at the same position in the previous record.
/// </summary>
public sealed class RecordFieldReader
{
    private readonly byte[][] _names;
    private readonly JsonValueKind[] _kinds;
    private readonly int[] _starts;
    private readonly int[] _lengths;
    private readonly bool[] _escaped;
    private readonly int[] _fieldAtPosition;
    private ReadOnlyMemory<byte> _data;
    private readonly DataFields _ownFields = new();
    private byte[] _scratch = new byte[256];
    private byte[] _nameScratch = new byte[64];

    /// <summary>Creates a reader for the given field names (usually <see cref="StreamField.Name"/>s).</summary>
    public RecordFieldReader(IReadOnlyList<string> fieldNames)
    {
        _names = new byte[fieldNames.Count][];
        for (var i = 0; i < fieldNames.Count; i++)
        {
            _names[i] = Encoding.UTF8.GetBytes(fieldNames[i]);
        }
        _kinds = new JsonValueKind[_names.Length];
        _starts = new int[_names.Length];
        _lengths = new int[_names.Length];
        _escaped = new bool[_names.Length];
        _fieldAtPosition = new int[Math.Max(1, _names.Length) * 2];
    }

    /// <summary>The number of fields.</summary>
    public int FieldCount => _names.Length;

    /// <summary>
    /// Reads a record's data object; the values stay valid while the record's bytes do. A record of a batch the
    /// <c>write</c> command filled is not tokenized again: the command's line parser listed its properties already.
    /// </summary>
    /// <exception cref="JsonException">The data is not a JSON object.</exception>
    public void Read(in DestinationRecord record)
    {
        if (record.Fields is { } fields)
        {
            Take(record.Data, fields.Span);
        }
        else
        {
            Read(record.Data);
        }
    }

    /// <summary>Reads a data object (UTF-8 JSON).</summary>
    /// <exception cref="JsonException">The data is not a JSON object.</exception>
    public void Read(ReadOnlyMemory<byte> data)
    {
        var reader = new Utf8JsonReader(data.Span);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("A record's data is not a JSON object.");
        }
        _ownFields.ReadObject(ref reader, 0);
        Take(data, _ownFields.AsSpan());
    }

    /// <summary>The JSON kind of a field's value; <see cref="JsonValueKind.Undefined"/> when the record lacks it.</summary>
    public JsonValueKind Kind(int field) => _kinds[field];

    /// <summary>True when the field is absent or null.</summary>
    public bool IsNull(int field) => _kinds[field] is JsonValueKind.Undefined or JsonValueKind.Null;

    /// <summary>The field's value as JSON text (a string keeps its quotes and escapes); empty when absent.</summary>
    public ReadOnlySpan<byte> Raw(int field) => _kinds[field] == JsonValueKind.Undefined
        ? default
        : _data.Span.Slice(_starts[field], _lengths[field]);

    /// <summary>
    /// A string field's value as UTF-8 without quotes or escapes. The span is valid until the next call of this method.
    /// </summary>
    /// <exception cref="InvalidOperationException">The value is not a string.</exception>
    public ReadOnlySpan<byte> Utf8(int field)
    {
        if (_kinds[field] != JsonValueKind.String)
        {
            throw new InvalidOperationException($"Field '{Encoding.UTF8.GetString(_names[field])}' is not a string.");
        }
        var raw = _data.Span.Slice(_starts[field], _lengths[field]);
        var content = raw[1..^1];
        if (!_escaped[field])
        {
            return content;
        }
        if (_scratch.Length < content.Length)
        {
            _scratch = new byte[Math.Max(content.Length, _scratch.Length * 2)];
        }
        var reader = new Utf8JsonReader(raw);
        reader.Read();
        var written = reader.CopyString(_scratch);
        return _scratch.AsSpan(0, written);
    }

    /// <summary>A string field's value.</summary>
    public string GetString(int field) => Encoding.UTF8.GetString(Utf8(field));

    /// <summary>A number field's value as a whole number (<c>5</c> and <c>5.0</c>); false for anything else.</summary>
    public bool TryGetInt64(int field, out long value)
    {
        value = 0;
        if (_kinds[field] != JsonValueKind.Number)
        {
            return false;
        }
        var raw = Raw(field);
        if (long.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value))
        {
            return true;
        }
        if (TryGetDouble(field, out var number) && Math.Floor(number) == number && number >= long.MinValue && number < 9.2233720368547758E+18)
        {
            value = (long)number;
            return true;
        }
        return false;
    }

    /// <summary>A number field's value as a double; false for anything else.</summary>
    public bool TryGetDouble(int field, out double value)
    {
        value = 0;
        var raw = Raw(field);
        return _kinds[field] == JsonValueKind.Number && double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out value)
            && double.IsFinite(value);
    }

    /// <summary>A number field's value as a decimal; false for anything else, or a number a decimal cannot hold.</summary>
    public bool TryGetDecimal(int field, out decimal value)
    {
        value = 0;
        var raw = Raw(field);
        return _kinds[field] == JsonValueKind.Number && decimal.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Takes the values of the listed fields from a data object's properties.</summary>
    private void Take(ReadOnlyMemory<byte> data, ReadOnlySpan<DataField> properties)
    {
        _data = data;
        Array.Clear(_kinds);
        var bytes = data.Span;
        for (var position = 0; position < properties.Length; position++)
        {
            var property = properties[position];
            var field = Find(Name(bytes, property), position);
            if (field < 0)
            {
                continue;
            }
            _kinds[field] = property.Kind;
            _starts[field] = property.ValueStart;
            _lengths[field] = property.ValueLength;
            _escaped[field] = property.ValueEscaped;
        }
    }

    /// <summary>A property's name, unescaped (escapes in names are rare: they are undone into a scratch buffer).</summary>
    private ReadOnlySpan<byte> Name(ReadOnlySpan<byte> data, DataField property)
    {
        var name = data.Slice(property.NameStart, property.NameLength);
        if (!property.NameEscaped)
        {
            return name;
        }
        if (_nameScratch.Length < name.Length)
        {
            _nameScratch = new byte[Math.Max(name.Length, _nameScratch.Length * 2)];
        }
        var reader = new Utf8JsonReader(data.Slice(property.NameStart - 1, property.NameLength + 2));
        reader.Read();
        return _nameScratch.AsSpan(0, reader.CopyString(_nameScratch));
    }

    private int Find(ReadOnlySpan<byte> name, int position)
    {
        // The field found at this position in the previous record, then every field.
        if (position < _fieldAtPosition.Length)
        {
            var guess = _fieldAtPosition[position] - 1;
            if (guess >= 0 && name.SequenceEqual(_names[guess]))
            {
                return guess;
            }
        }
        for (var i = 0; i < _names.Length; i++)
        {
            if (name.SequenceEqual(_names[i]))
            {
                if (position < _fieldAtPosition.Length)
                {
                    _fieldAtPosition[position] = i + 1;
                }
                return i;
            }
        }
        return -1;
    }
}
