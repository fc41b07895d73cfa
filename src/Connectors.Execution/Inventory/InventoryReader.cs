using System;
using System.Buffers;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace Connectors.Execution.Inventory;

/// <summary>Reads the JSON of an inventory, every problem reported with the source and its JSON path.</summary>
internal sealed class InventoryReader
{
    private static readonly string[] TopLevel = ["data", "groups", "hosts"];
    private static readonly string[] HostKeys = ["name", "data", "groups"];
    private static readonly string[] GroupKeys = ["data"];

    private readonly string _source;

    public InventoryReader(string source) => _source = source;

    public HostInventory Read(JsonElement root, Func<IReadOnlyList<InventoryHost>, IReadOnlyList<InventoryGroup>, HostInventory> create)
    {
        JsonElement hosts;
        var common = HostInventory.EmptyObject();
        var groupData = new List<(string Name, JsonElement Data)>();
        switch (root.ValueKind)
        {
            case JsonValueKind.Array:
                hosts = root;
                break;
            case JsonValueKind.Object:
                Only(root, "$", TopLevel);
                if (!root.TryGetProperty("hosts", out hosts) || hosts.ValueKind != JsonValueKind.Array)
                {
                    throw Problem("$.hosts", "must be an array of hosts");
                }
                if (root.TryGetProperty("data", out var data))
                {
                    common = Object(data, "$.data");
                }
                if (root.TryGetProperty("groups", out var groups))
                {
                    if (groups.ValueKind != JsonValueKind.Object)
                    {
                        throw Problem("$.groups", "must be an object of groups by name");
                    }
                    foreach (var group in groups.EnumerateObject())
                    {
                        var path = $"$.groups['{group.Name}']";
                        if (group.Value.ValueKind != JsonValueKind.Object)
                        {
                            throw Problem(path, "must be an object");
                        }
                        Only(group.Value, path, GroupKeys);
                        groupData.Add((group.Name, group.Value.TryGetProperty("data", out var own) ? Object(own, path + ".data") : HostInventory.EmptyObject()));
                    }
                }
                break;
            default:
                throw Problem("$", "must be an array of hosts or an object with \"hosts\"");
        }
        var parsed = new List<(string Name, JsonElement Data, List<string> Groups)>();
        var index = 0;
        foreach (var host in hosts.EnumerateArray())
        {
            var path = $"${(root.ValueKind == JsonValueKind.Object ? ".hosts" : "")}[{index++}]";
            if (host.ValueKind != JsonValueKind.Object)
            {
                throw Problem(path, "must be an object with a \"name\"");
            }
            Only(host, path, HostKeys);
            if (!host.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String || name.GetString()!.Length == 0)
            {
                throw Problem(path + ".name", "a host needs a non-empty name");
            }
            if (parsed.Any(p => p.Name == name.GetString()))
            {
                throw Problem(path + ".name", $"the host '{name.GetString()}' is listed twice");
            }
            var data = host.TryGetProperty("data", out var given) ? Object(given, path + ".data") : HostInventory.EmptyObject();
            var groups = new List<string>();
            if (host.TryGetProperty("groups", out var list))
            {
                if (list.ValueKind != JsonValueKind.Array || list.EnumerateArray().Any(g => g.ValueKind != JsonValueKind.String || g.GetString()!.Length == 0))
                {
                    throw Problem(path + ".groups", "must be an array of group names");
                }
                groups.AddRange(list.EnumerateArray().Select(g => g.GetString()!).Distinct(StringComparer.Ordinal));
            }
            parsed.Add((name.GetString()!, data, groups));
        }
        var inventoryHosts = parsed
            .Select(p => new InventoryHost(p.Name,
                Merge([common, .. p.Groups.Select(g => groupData.FirstOrDefault(d => d.Name == g).Data).Where(d => d.ValueKind == JsonValueKind.Object), p.Data]),
                p.Groups))
            .ToList();
        var groupNames = groupData.Select(g => g.Name)
            .Concat(parsed.SelectMany(p => p.Groups).Where(g => groupData.All(d => d.Name != g)).Distinct(StringComparer.Ordinal).OrderBy(g => g, StringComparer.Ordinal));
        var inventoryGroups = groupNames
            .Select(g => new InventoryGroup(g, parsed.Where(p => p.Groups.Contains(g)).Select(p => p.Name).ToList(),
                groupData.FirstOrDefault(d => d.Name == g).Data is { ValueKind: JsonValueKind.Object } own ? Merge([own]) : HostInventory.EmptyObject()))
            .ToList();
        return create(inventoryHosts, inventoryGroups);
    }

    /// <summary>Objects merged key by key, later ones winning (shallow, as pyinfra's data).</summary>
    private static JsonElement Merge(IEnumerable<JsonElement> objects)
    {
        var merged = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var item in objects)
        {
            foreach (var property in item.EnumerateObject())
            {
                if (!merged.ContainsKey(property.Name))
                {
                    order.Add(property.Name);
                }
                merged[property.Name] = property.Value;
            }
        }
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var name in order)
            {
                writer.WritePropertyName(name);
                merged[name].WriteTo(writer);
            }
            writer.WriteEndObject();
        }
        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    private JsonElement Object(JsonElement value, string path) =>
        value.ValueKind == JsonValueKind.Object ? value.Clone() : throw Problem(path, "must be an object");

    private void Only(JsonElement value, string path, string[] allowed)
    {
        foreach (var property in value.EnumerateObject())
        {
            if (!allowed.Contains(property.Name))
            {
                throw Problem($"{path}.{property.Name}", $"unknown key; expected {string.Join(", ", allowed.Select(a => $"\"{a}\""))}");
            }
        }
    }

    private ConfigException Problem(string path, string problem) => new($"The inventory file '{_source}': {path}: {problem}.");
}
