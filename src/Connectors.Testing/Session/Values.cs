using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;
using Connectors.Testing.Processes;
using Connectors.Testing.Validation;

namespace Connectors.Testing.Session;

/// <summary>Comparing cursor values and identifying records across reads.</summary>
internal static class Values
{
    /// <summary>
    /// Orders two cursor values: date-times by instant, numbers by value, other strings ordinally. Null (or missing)
    /// sorts first.
    /// </summary>
    public static int Compare(JsonElement a, JsonElement b)
    {
        if (IsMissing(a) || IsMissing(b))
        {
            return IsMissing(a).CompareTo(IsMissing(b)) * -1;
        }
        if (a.ValueKind == JsonValueKind.Number && b.ValueKind == JsonValueKind.Number)
        {
            return a.TryGetDecimal(out var x) && b.TryGetDecimal(out var y) ? x.CompareTo(y) : a.GetDouble().CompareTo(b.GetDouble());
        }
        if (a.ValueKind == JsonValueKind.String && b.ValueKind == JsonValueKind.String)
        {
            var (s, t) = (a.GetString()!, b.GetString()!);
            return RecordSchemas.IsDateTime(s) && RecordSchemas.IsDateTime(t)
                ? Instant(s).CompareTo(Instant(t))
                : string.CompareOrdinal(s, t);
        }
        return string.CompareOrdinal(Canonical(a), Canonical(b));
    }

    public static bool IsMissing(JsonElement value) => value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null;

    /// <summary>The greatest of some cursor values (default when there are none).</summary>
    public static JsonElement Max(IEnumerable<JsonElement> values) =>
        values.Where(v => !IsMissing(v)).Aggregate(default(JsonElement), (max, v) => IsMissing(max) || Compare(v, max) > 0 ? v : max);

    /// <summary>
    /// A record's identity: its primary key's values when it has a key and every part is present, otherwise its whole
    /// data (canonical JSON).
    /// </summary>
    public static string KeyOf(JsonElement record, IReadOnlyList<IReadOnlyList<string>> primaryKey)
    {
        var data = Message.DataOf(record);
        if (primaryKey.Count > 0)
        {
            var parts = primaryKey.Select(path => Message.At(data, path)).ToList();
            if (parts.All(p => !IsMissing(p)))
            {
                return "key " + string.Join(", ", parts.Select(Canonical));
            }
        }
        return "record " + Canonical(data);
    }

    /// <summary>JSON text with object properties in ordinal order, so equal values compare equal as text.</summary>
    public static string Canonical(JsonElement value)
    {
        var text = new StringBuilder();
        Write(value, text);
        return text.ToString();
    }

    private static void Write(JsonElement value, StringBuilder text)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                text.Append('{');
                var first = true;
                foreach (var property in value.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    text.Append(first ? "" : ",").Append(JsonSerializer.Serialize(property.Name)).Append(':');
                    Write(property.Value, text);
                    first = false;
                }
                text.Append('}');
                break;
            case JsonValueKind.Array:
                text.Append('[');
                var i = 0;
                foreach (var item in value.EnumerateArray())
                {
                    text.Append(i++ == 0 ? "" : ",");
                    Write(item, text);
                }
                text.Append(']');
                break;
            case JsonValueKind.Undefined:
                text.Append("undefined");
                break;
            default:
                text.Append(value.GetRawText());
                break;
        }
    }

    private static DateTimeOffset Instant(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
