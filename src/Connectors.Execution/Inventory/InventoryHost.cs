using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Connectors.Execution.Inventory;

/// <summary>
/// One host of an inventory, as pyinfra's <c>make_names_data</c> yields it: its name, its data (the inventory's data,
/// then its groups', then its own, later ones winning) and its groups.
/// </summary>
/// <param name="Name">The host's name; <c>@local</c> is the local machine.</param>
/// <param name="Data">Everything known about the host: connection settings, tags, anything else (a JSON object).</param>
/// <param name="Groups">The groups it belongs to.</param>
public sealed record InventoryHost(string Name, JsonElement Data, IReadOnlyList<string> Groups)
{
    /// <summary>The name of the local machine.</summary>
    public const string LocalName = "@local";

    /// <summary>True for <c>@local</c>.</summary>
    [JsonIgnore]
    public bool IsLocal => Name == LocalName;

    /// <summary>A string from the data, or null when absent.</summary>
    /// <exception cref="ConfigException">The value is not a string.</exception>
    public string? GetString(string key) =>
        TryGet(key, out var value) ? value.ValueKind == JsonValueKind.String ? value.GetString() : throw Wrong(key, "a string", value) : null;

    /// <summary>An integer from the data, or null when absent.</summary>
    /// <exception cref="ConfigException">The value is not an integer.</exception>
    public int? GetInt32(string key) =>
        TryGet(key, out var value) ? value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number : throw Wrong(key, "an integer", value) : null;

    /// <summary>A number from the data, or null when absent.</summary>
    /// <exception cref="ConfigException">The value is not a number.</exception>
    public double? GetDouble(string key) =>
        TryGet(key, out var value) ? value.ValueKind == JsonValueKind.Number ? value.GetDouble() : throw Wrong(key, "a number", value) : null;

    /// <summary>A boolean from the data, or null when absent.</summary>
    /// <exception cref="ConfigException">The value is not true or false.</exception>
    public bool? GetBoolean(string key) =>
        TryGet(key, out var value) ? value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : throw Wrong(key, "true or false", value) : null;

    /// <summary>The data's keys.</summary>
    public IEnumerable<string> Keys()
    {
        if (Data.ValueKind != JsonValueKind.Object)
        {
            yield break;
        }
        foreach (var property in Data.EnumerateObject())
        {
            yield return property.Name;
        }
    }

    private bool TryGet(string key, out JsonElement value)
    {
        value = default;
        return Data.ValueKind == JsonValueKind.Object && Data.TryGetProperty(key, out value) && value.ValueKind != JsonValueKind.Null;
    }

    private ConfigException Wrong(string key, string expected, JsonElement value) =>
        new(string.Create(CultureInfo.InvariantCulture, $"Host '{Name}': data.{key} must be {expected}, got {value.GetRawText()}."));
}

/// <summary>A group of an inventory: its hosts and its data.</summary>
/// <param name="Name">The group's name.</param>
/// <param name="Hosts">The hosts in it, in inventory order.</param>
/// <param name="Data">The data every host of the group gets (a JSON object).</param>
public sealed record InventoryGroup(string Name, IReadOnlyList<string> Hosts, JsonElement Data);
