using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace Connectors.Runtime.Commands;

/// <summary>
/// Reports payload fields a custom command does not declare (a misspelt <c>sudo_pasword</c> would otherwise be dropped
/// and the command run without it), as TetraScience's SDK fails on an unexpected keyword argument. The known fields are
/// the generated payload schema's properties (snake_case) and their camelCase forms, which the binder also accepts.
/// </summary>
internal sealed class PayloadFields
{
    private readonly ConcurrentDictionary<string, HashSet<string>?> _known = new(StringComparer.Ordinal);

    /// <summary>Null when every field is known; else the problems, each with its JSON path, and the known fields.</summary>
    public string? Unknown(CustomCommand command, JsonElement payload)
    {
        if (_known.GetOrAdd(command.Action, _ => KnownFields(command.PayloadSchema)) is not { } fields)
        {
            return null;
        }
        var unknown = payload.EnumerateObject().Select(p => p.Name).Where(n => !fields.Contains(n)).ToList();
        if (unknown.Count == 0)
        {
            return null;
        }
        var declared = fields.Where(f => !f.Any(char.IsUpper)).Order(StringComparer.Ordinal).ToList();
        return string.Join("; ", unknown.Select(n => $"{ConfigReader.Child("$", n)}: unknown field"))
            + $". Known fields: {string.Join(", ", declared)}.";
    }

    /// <summary>The schema's property names and their camelCase forms; null when the schema allows any field.</summary>
    private static HashSet<string>? KnownFields(string payloadSchema)
    {
        using var schema = JsonDocument.Parse(payloadSchema);
        // A command without payload parameters takes (and ignores) anything; one with parameters takes only those. The
        // generated schemas say "additionalProperties": true for both, so it is not read here.
        if (schema.RootElement.ValueKind != JsonValueKind.Object || !schema.RootElement.TryGetProperty("properties", out var properties)
            || properties.ValueKind != JsonValueKind.Object || !properties.EnumerateObject().Any())
        {
            return null;
        }
        var fields = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in properties.EnumerateObject())
        {
            fields.Add(property.Name);
            fields.Add(Camel(property.Name));
        }
        return fields;
    }

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
