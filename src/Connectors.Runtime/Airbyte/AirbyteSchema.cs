using System.Text.Json;
using Connectors.Runtime.Json;

namespace Connectors.Runtime.Airbyte;

/// <summary>
/// Writes the description's schemas (the spec's connectionSpecification, the catalog's json_schema) as Airbyte reads
/// them: compact, with the SDK's neutral keywords rendered as Airbyte's — <c>x-secret</c> as <c>airbyte_secret</c>,
/// <c>x-hidden</c> as <c>airbyte_hidden</c>, <c>x-timezone</c> beside a <c>date-time</c> or <c>time</c> format as
/// <c>airbyte_type</c> (<c>timestamp_with_timezone</c>, <c>timestamp_without_timezone</c>, <c>time_without_timezone</c>…),
/// each where the neutral keyword stood.
/// </summary>
internal static class AirbyteSchema
{
    public static void Write(Utf8JsonWriter json, string schema) => SchemaText.Write(json, schema, WriteKeyword);

    private static void WriteKeyword(Utf8JsonWriter json, SchemaKeyword keyword, bool value, string? format)
    {
        if (!TryRender(keyword, value, format, out var name, out var text))
        {
            return;
        }
        if (text is null)
        {
            json.WriteBoolean(name, value);
        }
        else
        {
            json.WriteString(name, text);
        }
    }

    /// <summary>
    /// Airbyte's keyword for a neutral one: its <paramref name="name"/>, and its value, the neutral keyword's boolean
    /// (<paramref name="text"/> null) or a string; false drops the keyword (a timezone beside no time format). One
    /// table for the JSON writer and for <see cref="AirbyteSpecLine"/>.
    /// </summary>
    internal static bool TryRender(SchemaKeyword keyword, bool value, string? format, out string name, out string? text)
    {
        text = null;
        switch (keyword)
        {
            case SchemaKeyword.Secret:
                name = "airbyte_secret";
                return true;
            case SchemaKeyword.Hidden:
                name = "airbyte_hidden";
                return true;
            case SchemaKeyword.Timezone when format == "date-time":
                name = "airbyte_type";
                text = value ? "timestamp_with_timezone" : "timestamp_without_timezone";
                return true;
            case SchemaKeyword.Timezone when format == "time":
                name = "airbyte_type";
                text = value ? "time_with_timezone" : "time_without_timezone";
                return true;
            default:
                name = "";
                return false;
        }
    }
}
