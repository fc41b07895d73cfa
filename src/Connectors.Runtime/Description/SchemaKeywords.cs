namespace Connectors.Runtime;

/// <summary>
/// The SDK's own JSON Schema keywords, for facts draft-07 has no keyword for. The generator writes them into the
/// description's schemas (configuration and records); a schema built at run time may use them too. Protocol hosts
/// render them in their own terms as they write a schema out (<see cref="Json.SchemaText"/>): the Airbyte host as
/// <c>airbyte_secret</c>, <c>airbyte_hidden</c> and <c>airbyte_type</c>.
/// </summary>
public static class SchemaKeywords
{
    /// <summary>
    /// <c>"x-secret": true</c>: the value is a credential. Hosts mask it in every output and show it as a password
    /// (Airbyte: <c>airbyte_secret</c>).
    /// </summary>
    public const string Secret = "x-secret";

    /// <summary><c>"x-hidden": true</c>: configuration forms do not show the property (Airbyte: <c>airbyte_hidden</c>).</summary>
    public const string Hidden = "x-hidden";

    /// <summary>
    /// Beside <c>"format": "date-time"</c> or <c>"format": "time"</c>: <c>true</c> when values carry a UTC offset
    /// (<c>DateTimeOffset</c>), <c>false</c> when they do not (<c>DateTime</c>, <c>TimeOnly</c>). Airbyte:
    /// <c>airbyte_type</c> <c>timestamp_with_timezone</c>, <c>timestamp_without_timezone</c>, <c>time_without_timezone</c>.
    /// </summary>
    public const string Timezone = "x-timezone";
}
