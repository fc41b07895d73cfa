using System;
using System.Buffers.Text;
using System.Collections.Generic;
using System.Text.Json;
using Connectors.Runtime.Protocol;

namespace Connectors.Runtime.Airbyte;

/// <summary>
/// A STATE message to echo, kept as the bytes it came in. The echo is the same line with <c>destinationStats</c> set:
/// every other property (the platform's <c>id</c>, unknown fields, the state blob) is copied byte for byte.
/// </summary>
internal sealed class StateEcho
{
    private static readonly byte[] StatsPrefix = "\"destinationStats\":{\"recordCount\":"u8.ToArray();

    private readonly byte[] _line;
    private readonly int _stateStart;
    private readonly int _stateEnd;
    private readonly List<(int Start, int End)> _kept = new();

    /// <summary>Copies the line and finds, in its state object, the stream the state is for and the properties to keep.</summary>
    public StateEcho(ReadOnlySpan<byte> line, InputMessage.Slice state)
    {
        _line = line.ToArray();
        _stateStart = state.Start;
        _stateEnd = state.Start + state.Length;
        var reader = new Utf8JsonReader(_line.AsSpan(_stateStart, state.Length));
        reader.Read();
        string? type = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var start = (int)reader.TokenStartIndex;
            var isStats = reader.ValueTextEquals("destinationStats"u8);
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                type = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            }
            else if (reader.ValueTextEquals("stream"u8))
            {
                reader.Read();
                Stream = StreamOf(ref reader);
            }
            else
            {
                reader.Read();
            }
            reader.Skip();
            if (!isStats)
            {
                _kept.Add((_stateStart + start, _stateStart + (int)reader.BytesConsumed));
            }
        }
        // Only a STREAM state counts one stream's records; GLOBAL and LEGACY (or no type) count them all.
        if (type != "STREAM")
        {
            Stream = null;
        }
    }

    /// <summary>The stream of a STREAM state; null for a GLOBAL or LEGACY state.</summary>
    public StreamKey? Stream { get; private set; }

    /// <summary>Writes the echo, with <c>destinationStats.recordCount</c> = <paramref name="recordCount"/>, and flushes.</summary>
    public void WriteTo(JsonLineWriter lines, long recordCount)
    {
        lines.BeginMessage();
        try
        {
            lines.WriteRaw(_line.AsSpan(0, _stateStart));
            lines.WriteRaw("{"u8);
            foreach (var (start, end) in _kept)
            {
                lines.WriteRaw(_line.AsSpan(start, end - start));
                lines.WriteRaw(","u8);
            }
            lines.WriteRaw(StatsPrefix);
            // An integer, as sourceStats.recordCount is written: the schema's type is number, so both forms are valid.
            Span<byte> digits = stackalloc byte[24];
            Utf8Formatter.TryFormat(recordCount, digits, out var written);
            lines.WriteRaw(digits[..written]);
            lines.WriteRaw("}}"u8);
            lines.WriteRaw(_line.AsSpan(_stateEnd));
        }
        catch
        {
            lines.AbortMessage();
            throw;
        }
        lines.EndMessage();
        lines.Flush();
    }

    private static StreamKey? StreamOf(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }
        var depth = reader.CurrentDepth;
        StreamKey? key = null;
        while (reader.Read() && reader.CurrentDepth > depth)
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == depth + 1 && reader.ValueTextEquals("stream_descriptor"u8))
            {
                reader.Read();
                key = Descriptor(ref reader);
            }
            else if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                reader.Skip();
            }
        }
        return key;
    }

    private static StreamKey? Descriptor(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return null;
        }
        string? name = null;
        string? space = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isName = reader.ValueTextEquals("name"u8);
            var isNamespace = reader.ValueTextEquals("namespace"u8);
            reader.Read();
            if (reader.TokenType == JsonTokenType.String && (isName || isNamespace))
            {
                if (isName)
                {
                    name = reader.GetString();
                }
                else
                {
                    space = reader.GetString();
                }
            }
            reader.Skip();
        }
        return name is null ? null : new StreamKey(name, string.IsNullOrEmpty(space) ? null : space);
    }
}
