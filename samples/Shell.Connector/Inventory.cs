using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Serialization;
using Connectors;

namespace Shell;

/// <summary>One host of the inventory, as pyinfra's <c>make_names_data</c> yields it: name, data, groups.</summary>
/// <param name="Name">The host's name; <c>@local</c> is the local machine.</param>
/// <param name="Data">Anything known about the host (address, port, role…).</param>
/// <param name="Groups">The groups the host belongs to.</param>
public sealed record InventoryHost(string Name, JsonElement Data, IReadOnlyList<string> Groups)
{
    /// <summary>The local machine, the inventory when no inventory file is configured.</summary>
    public static InventoryHost Local { get; } = new("@local", JsonDocument.Parse("{}").RootElement, ["@local"]);

    /// <summary>True for the local machine, which is always reachable.</summary>
    [JsonIgnore]
    public bool IsLocal => Name == "@local";

    /// <summary>Where to reach the host: <c>data.address</c> (or <c>ssh_hostname</c>) and <c>data.port</c> (or <c>ssh_port</c>, default 22).</summary>
    [JsonIgnore]
    public (string Address, int Port) Endpoint =>
        (Text("address") ?? Text("ssh_hostname") ?? Name, Number("port") ?? Number("ssh_port") ?? 22);

    private string? Text(string name) =>
        Data.ValueKind == JsonValueKind.Object && Data.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private int? Number(string name) =>
        Data.ValueKind == JsonValueKind.Object && Data.TryGetProperty(name, out var value) && value.TryGetInt32(out var number) ? number : null;
}

/// <summary>Reads an inventory file: a JSON array of <c>{"name", "data", "groups"}</c> objects.</summary>
internal static class Inventory
{
    public static IReadOnlyList<InventoryHost> Load(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return [InventoryHost.Local];
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllBytes(path));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new ConfigException($"The inventory file '{path}' cannot be read: {ex.Message}");
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw new ConfigException($"The inventory file '{path}' must hold a JSON array of hosts.");
            }
            return document.RootElement.EnumerateArray().Select((host, index) => Host(host, $"{path}: $[{index}]")).ToList();
        }
    }

    private static InventoryHost Host(JsonElement host, string where)
    {
        if (host.ValueKind != JsonValueKind.Object || !host.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String)
        {
            throw new ConfigException($"{where}: a host needs a \"name\" string.");
        }
        var data = host.TryGetProperty("data", out var given) ? given.Clone() : InventoryHost.Local.Data;
        var groups = host.TryGetProperty("groups", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Where(g => g.ValueKind == JsonValueKind.String).Select(g => g.GetString()!).ToList()
            : [];
        return new InventoryHost(name.GetString()!, data, groups);
    }
}
