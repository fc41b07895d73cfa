using System.Text.Json.Nodes;

namespace Connectors.Client.Tests.Infrastructure;

/// <summary>Configs of the connectors under test.</summary>
internal static class Configs
{
    /// <summary>Faker: <paramref name="count"/> users; not always_updated, so a read from a final state finds nothing new.</summary>
    public static JsonObject Faker(int count = 200, bool alwaysUpdated = false) => new()
    {
        ["count"] = count,
        ["seed"] = 7,
        ["records_per_slice"] = 50,
        ["always_updated"] = alwaysUpdated,
    };

    public static string FakerJson(int count = 200, bool alwaysUpdated = false) => Faker(count, alwaysUpdated).ToJsonString();
}
