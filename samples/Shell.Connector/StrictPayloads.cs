using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using Connectors.Runtime;

namespace Shell;

/// <summary>
/// Makes every custom command refuse a payload with fields it does not know (<c>"sudo_pasword"</c>, <c>"enviroment"</c>),
/// instead of running without them. The runtime's payload binding ignores unknown fields today; this wraps the generated
/// dispatch with a check against each command's generated payload schema (its properties in snake_case, plus the
/// declared parameter names the binder also accepts). It goes away when the runtime reports unknown fields itself.
/// </summary>
internal static class StrictPayloads
{
    public static ConnectorDescriptor<T> Apply<T>(ConnectorDescriptor<T> descriptor) where T : class
    {
        if (descriptor.Commands is not { Dispatch: { } dispatch } commands)
        {
            return descriptor;
        }
        var known = commands.Custom.ToDictionary(c => c.Action, c => KnownFields(c.PayloadSchema), StringComparer.Ordinal);
        var strict = new ConnectorCommands<T>
        {
            Custom = commands.Custom,
            Hooks = commands.Hooks,
            CopyConfig = commands.CopyConfig,
            Dispatch = (connector, request) =>
            {
                if (known.TryGetValue(request.Action, out var fields) && request.Payload.Root.ValueKind == JsonValueKind.Object)
                {
                    var unknown = request.Payload.Root.EnumerateObject().Select(p => p.Name).Where(n => !fields.Contains(n)).ToList();
                    if (unknown.Count > 0)
                    {
                        return new(CommandResult.Failure($"The payload of '{request.Action}' is invalid: "
                            + string.Join("; ", unknown.Select(n => $"{ConfigReader.Child("$", n)}: unknown field"))
                            + $". Known fields: {string.Join(", ", fields.Where(f => f.Contains('_') || f.All(char.IsLower)).Order(StringComparer.Ordinal))}."));
                    }
                }
                return dispatch(connector, request);
            },
        };
        return new ConnectorDescriptor<T>
        {
            Name = descriptor.Name,
            Version = descriptor.Version,
            DocumentationUrl = descriptor.DocumentationUrl,
            Kind = descriptor.Kind,
            ConfigSchema = descriptor.ConfigSchema,
            Create = descriptor.Create,
            BindConfig = descriptor.BindConfig,
            Check = descriptor.Check,
            Streams = descriptor.Streams,
            Destination = descriptor.Destination,
            Commands = strict,
        };
    }

    /// <summary>The payload schema's property names, and their camelCase forms (the binder accepts both).</summary>
    private static HashSet<string> KnownFields(string payloadSchema)
    {
        using var schema = JsonDocument.Parse(payloadSchema);
        var fields = new HashSet<string>(StringComparer.Ordinal);
        if (schema.RootElement.TryGetProperty("properties", out var properties))
        {
            foreach (var property in properties.EnumerateObject())
            {
                fields.Add(property.Name);
                fields.Add(Camel(property.Name));
            }
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
