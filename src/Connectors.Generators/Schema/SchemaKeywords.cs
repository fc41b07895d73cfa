namespace Connectors.Generators.Schema;

/// <summary>
/// The SDK's own schema keywords for facts JSON Schema has no word for. They mirror
/// <c>Connectors.Runtime.SchemaKeywords</c> (the generator does not reference the runtime; a test ties the two), and
/// each protocol host renders them in its own terms: the Airbyte host as <c>airbyte_secret</c>, <c>airbyte_hidden</c>
/// and <c>airbyte_type</c>. The generator knows no protocol.
/// </summary>
internal static class SchemaKeywords
{
    /// <summary><c>true</c> on a credential: masked in output, shown as a password field.</summary>
    public const string Secret = "x-secret";

    /// <summary><c>true</c> on a property that configuration forms do not show.</summary>
    public const string Hidden = "x-hidden";

    /// <summary>Beside <c>"format": "date-time"</c> or <c>"time"</c>: whether values carry a UTC offset.</summary>
    public const string Timezone = "x-timezone";
}
