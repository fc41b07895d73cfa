using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace Connectors.Client.Secrets;

/// <summary>
/// Replaces secret references in a config (<c>"secret_reference::NAME"</c>, PyAirbyte's syntax) with their values from
/// the first provider that has them. The config itself keeps the references; only the copy handed to the connector holds
/// the values, and every value resolved is reported so it can be masked.
/// </summary>
public sealed class SecretResolver
{
    /// <summary>The prefix of a reference.</summary>
    public const string ReferencePrefix = "secret_reference::";

    /// <summary>Resolves with <paramref name="providers"/>, in order.</summary>
    public SecretResolver(IEnumerable<ISecretProvider> providers) => Providers = providers.ToList();

    /// <summary>Environment variables, then <c>./.env</c>, then a terminal prompt.</summary>
    public static SecretResolver Default { get; } = new([new EnvironmentSecretProvider(), new DotEnvSecretProvider(".env"), new PromptSecretProvider()]);

    /// <summary>The providers, asked in order.</summary>
    public IReadOnlyList<ISecretProvider> Providers { get; }

    /// <summary>Whether <paramref name="value"/> is a reference.</summary>
    public static bool IsReference(string? value) => value is not null && value.StartsWith(ReferencePrefix, StringComparison.Ordinal);

    /// <summary>
    /// A copy of <paramref name="config"/> with every reference replaced; <paramref name="secrets"/> receives each
    /// reference's name and value.
    /// </summary>
    public JsonObject Resolve(JsonObject config, IDictionary<string, string> secrets)
    {
        var copy = (JsonObject)config.DeepClone();
        Walk(copy, "$", secrets);
        return copy;
    }

    /// <summary>
    /// Puts the references of <paramref name="original"/> back into <paramref name="updated"/> (a config the connector
    /// sent back) wherever the value there is still the secret's; the paths whose secret changed go to <paramref name="rotated"/>.
    /// </summary>
    public static void RestoreReferences(JsonNode? original, JsonNode? updated, IReadOnlyDictionary<string, string> secrets, string path, ICollection<string> rotated)
    {
        switch (original, updated)
        {
            case (JsonObject from, JsonObject to):
                foreach (var (key, child) in from)
                {
                    if (!to.ContainsKey(key))
                    {
                        continue;
                    }
                    if (TryReference(child, out var name) && to[key] is JsonValue value && value.TryGetValue<string>(out var text))
                    {
                        if (secrets.TryGetValue(name, out var secret) && secret == text)
                        {
                            to[key] = SecretResolver.ReferencePrefix + name;
                        }
                        else if (!IsReference(text))
                        {
                            rotated.Add(path + "." + key);
                        }
                    }
                    else
                    {
                        RestoreReferences(child, to[key], secrets, path + "." + key, rotated);
                    }
                }
                break;
            case (JsonArray from, JsonArray to):
                for (var i = 0; i < Math.Min(from.Count, to.Count); i++)
                {
                    if (TryReference(from[i], out var name) && to[i] is JsonValue value && value.TryGetValue<string>(out var text))
                    {
                        if (secrets.TryGetValue(name, out var secret) && secret == text)
                        {
                            to[i] = SecretResolver.ReferencePrefix + name;
                        }
                        else if (!IsReference(text))
                        {
                            rotated.Add($"{path}[{i}]");
                        }
                    }
                    else
                    {
                        RestoreReferences(from[i], to[i], secrets, $"{path}[{i}]", rotated);
                    }
                }
                break;
        }
    }

    private void Walk(JsonNode? node, string path, IDictionary<string, string> secrets)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj.ToList())
                {
                    var childPath = path + "." + key;
                    if (TryReference(child, out var name))
                    {
                        var value = Lookup(name, childPath);
                        secrets[name] = value;
                        obj[key] = value;
                    }
                    else
                    {
                        Walk(child, childPath, secrets);
                    }
                }
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (TryReference(array[i], out var name))
                    {
                        var value = Lookup(name, $"{path}[{i}]");
                        secrets[name] = value;
                        array[i] = value;
                    }
                    else
                    {
                        Walk(array[i], $"{path}[{i}]", secrets);
                    }
                }
                break;
        }
    }

    private static bool TryReference(JsonNode? node, out string name)
    {
        name = "";
        if (node is JsonValue value && value.TryGetValue<string>(out var text) && IsReference(text))
        {
            name = text[ReferencePrefix.Length..];
            return true;
        }
        return false;
    }

    private string Lookup(string name, string path)
    {
        foreach (var provider in Providers)
        {
            if (provider.GetSecret(name) is { Length: > 0 } value)
            {
                return value;
            }
        }
        throw new ConnectorException(
            $"The secret '{name}' referenced at {path} was not found (looked in: {string.Join(", ", Providers.Select(p => p.Name))}).");
    }
}
