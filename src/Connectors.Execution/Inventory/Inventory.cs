using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace Connectors.Execution.Inventory;

/// <summary>
/// The hosts a connector executes on, and their groups: what pyinfra's inventory connectors yield. Read from a JSON
/// file (<see cref="Load"/>): either an array of hosts (<c>[{"name", "data", "groups"}]</c>) or an object with the
/// hosts, the groups' data and data for every host (<c>{"data": {}, "groups": {"web": {"data": {}}}, "hosts": [...]}</c>).
/// </summary>
public sealed class HostInventory
{
    private readonly Dictionary<string, InventoryHost> _byName;

    private HostInventory(IReadOnlyList<InventoryHost> hosts, IReadOnlyList<InventoryGroup> groups)
    {
        Hosts = hosts;
        Groups = groups;
        _byName = hosts.ToDictionary(h => h.Name, StringComparer.Ordinal);
    }

    /// <summary>The inventory of the local machine alone.</summary>
    public static HostInventory Local { get; } = new(
        [new InventoryHost(InventoryHost.LocalName, EmptyObject(), [InventoryHost.LocalName])],
        [new InventoryGroup(InventoryHost.LocalName, [InventoryHost.LocalName], EmptyObject())]);

    /// <summary>The hosts, in file order.</summary>
    public IReadOnlyList<InventoryHost> Hosts { get; }

    /// <summary>The groups: those with data first, in file order, then those only hosts name, by name.</summary>
    public IReadOnlyList<InventoryGroup> Groups { get; }

    /// <summary>Reads an inventory file.</summary>
    /// <exception cref="ConfigException">The file cannot be read or is not a valid inventory; the message names the file and the JSON path.</exception>
    public static HostInventory Load(string path)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new ConfigException($"The inventory file '{path}' cannot be read: {ex.Message}");
        }
        using (document)
        {
            return Parse(document.RootElement, path);
        }
    }

    /// <summary>Reads an inventory from JSON; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="ConfigException">It is not a valid inventory.</exception>
    public static HostInventory Parse(JsonElement root, string source)
    {
        var reader = new InventoryReader(source);
        return reader.Read(root, (hosts, groups) => new HostInventory(hosts, groups));
    }

    /// <summary>A host by name, or null.</summary>
    public InventoryHost? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>
    /// The hosts a command targets: one host by name, the hosts of one group, or (neither given) all of them.
    /// </summary>
    /// <exception cref="ConfigException">Both are given, or the host or group is not in the inventory.</exception>
    public IReadOnlyList<InventoryHost> Select(string? host, string? group)
    {
        if (host is not null && group is not null)
        {
            throw new ConfigException("Give a host or a group, not both.");
        }
        if (host is not null)
        {
            return _byName.TryGetValue(host, out var one)
                ? [one]
                : throw new ConfigException($"There is no host '{host}' in the inventory. Hosts: {string.Join(", ", Hosts.Select(h => h.Name))}.");
        }
        if (group is not null)
        {
            var members = Groups.FirstOrDefault(g => g.Name == group)?.Hosts
                ?? throw new ConfigException($"There is no group '{group}' in the inventory. Groups: {string.Join(", ", Groups.Select(g => g.Name))}.");
            return members.Count > 0 ? members.Select(m => _byName[m]).ToList() : throw new ConfigException($"The group '{group}' has no hosts.");
        }
        return Hosts;
    }

    internal static JsonElement EmptyObject()
    {
        using var document = JsonDocument.Parse("{}");
        return document.RootElement.Clone();
    }
}
