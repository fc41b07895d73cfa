using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace Connectors.Runtime.Commands;

/// <summary>
/// Reports payload fields a custom command does not declare (a misspelt <c>sudo_pasword</c> would otherwise be dropped
/// and the command run without it), as TetraScience's SDK fails on an unexpected keyword argument. The generated payload
/// schema says which payloads are closed (<c>"additionalProperties": false</c>: every command, unless it takes the whole
/// payload as a <c>JsonElement</c>); the known keys are the command's <see cref="CustomCommand.Fields"/>, the names the
/// generated binder reads (snake_case, or as declared in C#).
/// </summary>
internal sealed class PayloadFields
{
    private readonly ConcurrentDictionary<string, Known?> _known = new(StringComparer.Ordinal);

    /// <summary>Null when every field is known; else the problems, each with its JSON path, and the known fields.</summary>
    public string? Unknown(CustomCommand command, JsonElement payload)
    {
        if (_known.GetOrAdd(command.Action, _ => KnownFields(command)) is not { } known)
        {
            return null;
        }
        var unknown = payload.EnumerateObject().Select(p => p.Name).Where(n => !known.Accepted.Contains(n)).ToList();
        if (unknown.Count == 0)
        {
            return null;
        }
        var problems = string.Join("; ", unknown.Select(n => $"{ConfigReader.Child("$", n)}: unknown field"));
        return known.Declared.Count == 0
            ? problems + ". The command takes no payload fields."
            : problems + $". Known fields: {string.Join(", ", known.Declared)}.";
    }

    /// <summary>The accepted keys and the schema's property names; null when the schema allows any field.</summary>
    private static Known? KnownFields(CustomCommand command)
    {
        using var schema = JsonDocument.Parse(command.PayloadSchema);
        var root = schema.RootElement;
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("additionalProperties", out var additional) || additional.ValueKind != JsonValueKind.False)
        {
            return null;
        }
        var declared = new List<string>();
        if (root.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object)
        {
            declared.AddRange(properties.EnumerateObject().Select(p => p.Name));
        }
        var accepted = new HashSet<string>(command.Fields ?? declared.Concat(declared.Select(Camel)), StringComparer.Ordinal);
        accepted.UnionWith(declared);
        return new Known(accepted, declared.Order(StringComparer.Ordinal).ToList());
    }

    private sealed record Known(HashSet<string> Accepted, List<string> Declared);

    private static string Camel(string snake)
    {
        var text = new StringBuilder(snake.Length);
        var upper = false;
        foreach (var c in snake)
        {
            if (c == '_')
            {
                upper = true;
                continue;
            }
            text.Append(upper ? char.ToUpperInvariant(c) : c);
            upper = false;
        }
        return text.ToString();
    }
}
