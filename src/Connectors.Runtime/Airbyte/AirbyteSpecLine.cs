using System;
using Connectors.Runtime.Json;

namespace Connectors.Runtime.Airbyte;

/// <summary>
/// The SPEC line of a <see cref="ConnectorSpec"/>, rendered without System.Text.Json: the bytes
/// <see cref="AirbyteWriter.WriteSpec(Protocol.JsonLineWriter, string?, string, Action{System.Text.Json.Utf8JsonWriter}?)"/>
/// writes for it (compact, the neutral keywords rendered as <see cref="AirbyteSchema"/> renders them, a newline), for
/// the <c>spec</c> of a process that loads nothing else. It takes only text whose bytes it can be sure of: printable ASCII
/// that the JSON writer does not escape, and no escape sequence; anything else (or text that is not one JSON value) gives
/// null, and the caller writes the message with the JSON writer.
/// </summary>
internal sealed class AirbyteSpecLine
{
    private const int MaxDepth = 64;

    /// <summary>What a member of a schema object holds, as <see cref="SchemaText"/> classifies it.</summary>
    private enum SchemaPart
    {
        Data,
        Schema,
        Schemas,
        SchemaMap,
        Format,
    }

    private readonly string _text;
    private int _position;
    private byte[] _bytes;
    private int _length;

    private AirbyteSpecLine(string text)
    {
        _text = text;
        _bytes = new byte[text.Length + 128];
    }

    /// <summary>The whole SPEC line, newline included; null when it needs the JSON writer.</summary>
    public static byte[]? TryRender(ConnectorSpec spec)
    {
        var line = new AirbyteSpecLine(spec.ConfigSchema);
        line.Append("{\"type\":\"SPEC\",\"spec\":{");
        if (spec.DocumentationUrl is { } url)
        {
            if (!IsPlain(url))
            {
                return null;
            }
            line.Append("\"documentationUrl\":\"");
            line.Append(url);
            line.Append("\",");
        }
        line.Append("\"connectionSpecification\":");
        if (!line.Schema(0) || !line.AtEnd())
        {
            return null;
        }
        line.Append("}}\n");
        return line._bytes.AsSpan(0, line._length).ToArray();
    }

    /// <summary>A schema: an object whose keywords are rendered, or any other value (a boolean schema) copied.</summary>
    private bool Schema(int depth)
    {
        SkipWhitespace();
        if (Peek() != '{')
        {
            return Value(depth);
        }
        if (depth >= MaxDepth)
        {
            return false;
        }
        _position++;
        Append('{');
        var first = true;
        string? format = null;
        SkipWhitespace();
        if (Peek() == '}')
        {
            _position++;
            Append('}');
            return true;
        }
        while (true)
        {
            if (!Name(out var start, out var end))
            {
                return false;
            }
            var name = _text.AsSpan(start, end - start);
            if (Keyword(name) is { } keyword)
            {
                SkipWhitespace();
                var value = _text.AsSpan(_position).StartsWith("true", StringComparison.Ordinal);
                if (!Skip(depth + 1))
                {
                    return false;
                }
                if (AirbyteSchema.TryRender(keyword, value, format, out var airbyteName, out var text))
                {
                    Separate(ref first);
                    AppendString(airbyteName);
                    Append(':');
                    if (text is null)
                    {
                        Append(value ? "true" : "false");
                    }
                    else
                    {
                        AppendString(text);
                    }
                }
            }
            else
            {
                Separate(ref first);
                Append('"');
                Append(name);
                Append("\":");
                var copied = Part(name) switch
                {
                    SchemaPart.Schema => Schema(depth + 1),
                    SchemaPart.Schemas => Schemas(depth + 1),
                    SchemaPart.SchemaMap => SchemaMap(depth + 1),
                    SchemaPart.Format => Format(depth + 1, out format),
                    _ => Value(depth + 1),
                };
                if (!copied)
                {
                    return false;
                }
            }
            SkipWhitespace();
            switch (Peek())
            {
                case ',':
                    _position++;
                    continue;
                case '}':
                    _position++;
                    Append('}');
                    return true;
                default:
                    return false;
            }
        }
    }

    /// <summary>A schema or an array of schemas (<c>items</c>, <c>allOf</c> …).</summary>
    private bool Schemas(int depth)
    {
        SkipWhitespace();
        return Peek() == '[' ? Container(depth, ']', names: false, schemas: true) : Schema(depth);
    }

    /// <summary>An object of names to schemas (<c>properties</c>, <c>definitions</c> …): the names are data.</summary>
    private bool SchemaMap(int depth)
    {
        SkipWhitespace();
        return Peek() == '{' ? Container(depth, '}', names: true, schemas: true) : Value(depth);
    }

    private bool Format(int depth, out string? format)
    {
        SkipWhitespace();
        var start = _position + 1;
        format = null;
        if (Peek() == '"' && Value(depth))
        {
            var value = _text.AsSpan(start, _position - 1 - start);
            // Only the formats that change a keyword's rendering matter.
            format = value.SequenceEqual("date-time") ? "date-time" : value.SequenceEqual("time") ? "time" : "other";
            return true;
        }
        return Value(depth);
    }

    /// <summary>Copies any JSON value (data: <c>default</c>, <c>enum</c>, <c>const</c> …) without its whitespace.</summary>
    private bool Value(int depth)
    {
        if (depth >= MaxDepth)
        {
            return false;
        }
        SkipWhitespace();
        switch (Peek())
        {
            case '"':
                {
                    var start = _position + 1;
                    if (!String(out var end))
                    {
                        return false;
                    }
                    Append('"');
                    Append(_text.AsSpan(start, end - start));
                    Append('"');
                    return true;
                }
            case '{':
                return Container(depth, '}', names: true, schemas: false);
            case '[':
                return Container(depth, ']', names: false, schemas: false);
            case 't':
                return Literal("true");
            case 'f':
                return Literal("false");
            case 'n':
                return Literal("null");
            default:
                return Number();
        }
    }

    /// <summary>An object or array at the reader (its opening character), each item a schema or data.</summary>
    private bool Container(int depth, char close, bool names, bool schemas)
    {
        if (depth >= MaxDepth)
        {
            return false;
        }
        Append(Peek());
        _position++;
        SkipWhitespace();
        if (Peek() == close)
        {
            _position++;
            Append(close);
            return true;
        }
        while (true)
        {
            if (names)
            {
                if (!Name(out var start, out var end))
                {
                    return false;
                }
                Append('"');
                Append(_text.AsSpan(start, end - start));
                Append("\":");
            }
            if (!(schemas ? Schema(depth + 1) : Value(depth + 1)))
            {
                return false;
            }
            SkipWhitespace();
            var next = Peek();
            _position++;
            if (next == ',')
            {
                Append(',');
                continue;
            }
            if (next == close)
            {
                Append(close);
                return true;
            }
            return false;
        }
    }

    /// <summary>Moves past a value without copying it (a neutral keyword's).</summary>
    private bool Skip(int depth)
    {
        var length = _length;
        var copied = Value(depth);
        _length = length;
        return copied;
    }

    /// <summary>A member's name and its colon; <paramref name="start"/>..<paramref name="end"/> is the name's text.</summary>
    private bool Name(out int start, out int end)
    {
        SkipWhitespace();
        start = _position + 1;
        end = start;
        if (Peek() != '"' || !String(out end))
        {
            return false;
        }
        SkipWhitespace();
        if (Peek() != ':')
        {
            return false;
        }
        _position++;
        return true;
    }

    /// <summary>Moves past a string whose characters need no escaping; <paramref name="end"/> is its closing quote.</summary>
    private bool String(out int end)
    {
        _position++;
        var rest = _text.AsSpan(_position);
        var length = rest.IndexOf('"');
        end = _position + length;
        if (length < 0 || !IsPlain(rest[..length]))
        {
            return false;
        }
        _position = end + 1;
        return true;
    }

    private bool Number()
    {
        var start = _position;
        while (_position < _text.Length && _text[_position] is (>= '0' and <= '9') or '-' or '+' or '.' or 'e' or 'E')
        {
            _position++;
        }
        if (_position == start)
        {
            return false;
        }
        Append(_text.AsSpan(start, _position - start));
        return true;
    }

    private bool Literal(string literal)
    {
        if (!_text.AsSpan(_position).StartsWith(literal, StringComparison.Ordinal))
        {
            return false;
        }
        _position += literal.Length;
        Append(literal);
        return true;
    }

    /// <summary>
    /// Text the protocol's JSON writer (<see cref="System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping"/>)
    /// copies as it is: printable ASCII but <c>"</c> and <c>\</c> (AirbyteSpecLineTests try every such character).
    /// </summary>
    private static bool IsPlain(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (c is < ' ' or > '~' or '"' or '\\')
            {
                return false;
            }
        }
        return true;
    }

    private static SchemaKeyword? Keyword(ReadOnlySpan<char> name) =>
        name.SequenceEqual(SchemaKeywords.Secret) ? SchemaKeyword.Secret
        : name.SequenceEqual(SchemaKeywords.Hidden) ? SchemaKeyword.Hidden
        : name.SequenceEqual(SchemaKeywords.Timezone) ? SchemaKeyword.Timezone
        : null;

    private static SchemaPart Part(ReadOnlySpan<char> name) => name switch
    {
        "properties" or "patternProperties" or "definitions" or "$defs" or "dependencies" => SchemaPart.SchemaMap,
        "items" or "allOf" or "anyOf" or "oneOf" => SchemaPart.Schemas,
        "additionalProperties" or "additionalItems" or "not" or "if" or "then" or "else" or "contains" or "propertyNames" => SchemaPart.Schema,
        "format" => SchemaPart.Format,
        _ => SchemaPart.Data,
    };

    private bool AtEnd()
    {
        SkipWhitespace();
        return _position == _text.Length;
    }

    private char Peek() => _position < _text.Length ? _text[_position] : '\0';

    private void SkipWhitespace()
    {
        while (_position < _text.Length && _text[_position] is ' ' or '\n' or '\r' or '\t')
        {
            _position++;
        }
    }

    private void Separate(ref bool first)
    {
        if (!first)
        {
            Append(',');
        }
        first = false;
    }

    private void AppendString(string text)
    {
        Append('"');
        Append(text);
        Append('"');
    }

    private void Append(char c)
    {
        Ensure(1);
        _bytes[_length++] = (byte)c;
    }

    // Only called with text that IsPlain accepted (or the runtime's own ASCII), so each char is one byte.
    private void Append(ReadOnlySpan<char> text)
    {
        Ensure(text.Length);
        foreach (var c in text)
        {
            _bytes[_length++] = (byte)c;
        }
    }

    private void Ensure(int count)
    {
        if (_length + count > _bytes.Length)
        {
            Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, _length + count));
        }
    }
}
