using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace Connectors.Runtime.Commands;

/// <summary>
/// Reports payload fields a custom command does not declare, at any depth (a misspelt <c>sudo_pasword</c>, or an
/// <c>extra</c> inside <c>$.target</c>, would otherwise be dropped and the command run without it), as TetraScience's
/// SDK fails on an unexpected keyword argument. The generated payload schema is the contract: every object it closes
/// (<c>"additionalProperties": false</c>: the payload, unless a command takes it whole as a <c>JsonElement</c>, and each
/// class, struct or record in it, in arrays too) takes only the keys its <c>properties</c> name, exactly as written
/// there. A field written another way (<c>TargetPath</c> for <c>target_path</c>) is unknown, with the name it most
/// likely means as a hint. At the top level, <see cref="CustomCommand.Fields"/>, when given, are the known keys.
/// </summary>
internal sealed class PayloadFields
{
    private readonly ConcurrentDictionary<string, Node?> _schemas = new(StringComparer.Ordinal);

    /// <summary>Null when every field is known; else the problems, each with its JSON path, and the known fields.</summary>
    public string? Unknown(CustomCommand command, JsonElement payload)
    {
        if (_schemas.GetOrAdd(command.Action, _ => Root(command)) is not { } schema)
        {
            return null;
        }
        var found = new List<(string Path, string Problem, Node Object, string ObjectPath)>();
        Walk(schema, payload, "$", found);
        if (found.Count == 0)
        {
            return null;
        }
        // Then one sentence per object that had unknown fields (per schema: the items of an array share theirs).
        var known = found.GroupBy(f => f.Object).Select(g => Known(g.Key, g.First().ObjectPath));
        return string.Join("; ", found.Select(f => $"{f.Path}: {f.Problem}")) + ". " + string.Join(" ", known);
    }

    private static string Known(Node node, string path) => node.Declared.Count == 0
        ? path == "$" ? "The command takes no payload fields." : $"{path} takes no fields."
        : $"Known fields{(path == "$" ? "" : " of " + path)}: {string.Join(", ", node.Declared)}.";

    private static void Walk(Node node, JsonElement value, string path, List<(string, string, Node, string)> found)
    {
        if (value.ValueKind == JsonValueKind.Array && node.Items is { } items)
        {
            var index = 0;
            foreach (var item in value.EnumerateArray())
            {
                Walk(items, item, ConfigReader.Item(path, index++), found);
            }
            return;
        }
        if (value.ValueKind != JsonValueKind.Object)
        {
            // Null, or a value of the wrong type: binding reports the latter.
            return;
        }
        foreach (var property in value.EnumerateObject())
        {
            var child = ConfigReader.Child(path, property.Name);
            if (node.Properties.TryGetValue(property.Name, out var inner))
            {
                if (inner is not null)
                {
                    Walk(inner, property.Value, child, found);
                }
            }
            else if (node.Closed)
            {
                // A field the object already has is not what this key meant ({"by": 1, "bye": 2} gets no hint).
                var suggestion = ClosestName.Find(property.Name, node.Declared.Where(d => !value.TryGetProperty(d, out _)).ToList());
                found.Add((child, "unknown field" + (suggestion is null ? "" : $" (did you mean {ConfigReader.Quote(suggestion)}?)"), node, path));
            }
        }
    }

    /// <summary>The payload's schema as far as closed objects go; null when no object in it is closed.</summary>
    private static Node? Root(CustomCommand command)
    {
        using var schema = JsonDocument.Parse(command.PayloadSchema);
        if (Parse(schema.RootElement) is not { } root)
        {
            return null;
        }
        if (command.Fields is { } fields && root.Closed)
        {
            // The generated binder's own list of what it reads (a hand-written command's schema may name fewer).
            foreach (var field in fields.Where(f => !root.Properties.ContainsKey(f)))
            {
                root.Properties[field] = null;
            }
        }
        return root;
    }

    /// <summary>What of a schema matters here: its closed objects, their properties, array items. Null when nothing is closed.</summary>
    private static Node? Parse(JsonElement schema)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        var closed = schema.TryGetProperty("additionalProperties", out var additional) && additional.ValueKind == JsonValueKind.False;
        var node = new Node(closed);
        var any = closed;
        if (schema.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in properties.EnumerateObject())
            {
                var inner = Parse(property.Value);
                node.Properties[property.Name] = inner;
                node.Declared.Add(property.Name);
                any |= inner is not null;
            }
        }
        if (schema.TryGetProperty("items", out var items))
        {
            node.Items = Parse(items);
            any |= node.Items is not null;
        }
        node.Declared.Sort(StringComparer.Ordinal);
        return any ? node : null;
    }

    /// <summary>An object (or array) schema: whether it is closed, its properties (null: nothing closed below), its items.</summary>
    private sealed class Node(bool closed)
    {
        public bool Closed { get; } = closed;

        public Dictionary<string, Node?> Properties { get; } = new(StringComparer.Ordinal);

        /// <summary>The property names, in ordinal order, for messages and suggestions.</summary>
        public List<string> Declared { get; } = new();

        public Node? Items { get; set; }
    }
}
