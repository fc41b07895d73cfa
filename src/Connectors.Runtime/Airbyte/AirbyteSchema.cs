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
        switch (keyword)
        {
            case SchemaKeyword.Secret:
                json.WriteBoolean(AirbyteNames.AirbyteSecret, value);
                break;
            case SchemaKeyword.Hidden:
                json.WriteBoolean(AirbyteNames.AirbyteHidden, value);
                break;
            case SchemaKeyword.Timezone when format == "date-time":
                json.WriteString(AirbyteNames.AirbyteType, value ? AirbyteNames.TimestampWithTimezone : AirbyteNames.TimestampWithoutTimezone);
                break;
            case SchemaKeyword.Timezone when format == "time":
                json.WriteString(AirbyteNames.AirbyteType, value ? AirbyteNames.TimeWithTimezone : AirbyteNames.TimeWithoutTimezone);
                break;
        }
    }
}
