using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Connectors.Runtime.Json;
using Connectors.Runtime.Secrets;
using Microsoft.Extensions.Logging;

namespace Connectors.Runtime.Hosting;

/// <summary>The outcome of binding a config file into a new connector instance.</summary>
/// <typeparam name="TConnector">The author's connector class.</typeparam>
/// <param name="Connector">The configured connector, or null when the config is invalid.</param>
/// <param name="Problem">Every problem with the config, naming the file and JSON paths; null when valid.</param>
public sealed record ConfigBinding<TConnector>(TConnector? Connector, string? Problem) where TConnector : class
{
    /// <summary>Creates a connector and binds the config file at <paramref name="path"/>; secrets go to the masker first.</summary>
    /// <exception cref="InputException">The file is missing or not JSON.</exception>
    public static ConfigBinding<TConnector> Load(HostContext<TConnector> context, string path)
    {
        using var document = JsonInput.Load(path, "config");
        return Bind(context, document.RootElement, path);
    }

    /// <summary>Binds a parsed config document.</summary>
    public static ConfigBinding<TConnector> Bind(HostContext<TConnector> context, JsonElement config, string path) =>
        Bind(context, config, problems => $"The config file '{path}' is invalid: {problems}");

    /// <summary>Binds a config document from anywhere; <paramref name="describe"/> turns the listed problems into the message.</summary>
    public static ConfigBinding<TConnector> Bind(HostContext<TConnector> context, JsonElement config, Func<string, string> describe)
    {
        var reader = new ConfigReader(config);
        var connector = context.Descriptor.Create();
        try
        {
            if (reader.ExpectObject(config, "$"))
            {
                context.Descriptor.BindConfig(connector, reader);
            }
        }
        finally
        {
            // Even if binding throws, the secrets read so far must be masked in the error that follows.
            Remember(context, reader.Secrets, config);
        }
        if (reader.Errors.Count == 0)
        {
            return new ConfigBinding<TConnector>(connector, null);
        }
        return new ConfigBinding<TConnector>(null, describe(string.Join("; ", reader.Errors)));
    }

    /// <summary>
    /// Gives the masker the secrets and, as the user names a Basic authorization header may pair them with, the config's
    /// other strings; warns once about each new secret too short to mask well.
    /// </summary>
    private static void Remember(HostContext<TConnector> context, IReadOnlyList<string> secrets, JsonElement config)
    {
        var added = context.Masker.Add(secrets);
        context.Masker.AddUserNames(Strings(config));
        foreach (var secret in added.Where(SecretMasker.IsTooShort))
        {
            var paths = PathsOf(config, "$", secret).ToList();
            context.HostLogger?.LogWarning(
                "The secret at {Path} is only {Length} character(s) long, too short to mask safely: it is masked only where no letter or digit touches it, and its base64 forms are not masked. Use a secret of at least {Minimum} characters.",
                paths.Count > 0 ? string.Join(", ", paths) : "an unknown path", secret.Length, SecretMasker.MinimumSafeLength);
        }
    }

    /// <summary>The string values of a JSON document, depth first.</summary>
    private static IEnumerable<string> Strings(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => [element.GetString()!],
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Strings(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Strings),
        _ => [],
    };

    /// <summary>The JSON paths of the scalar values whose text is <paramref name="value"/>.</summary>
    private static IEnumerable<string> PathsOf(JsonElement element, string path, string value)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    foreach (var found in PathsOf(property.Value, ConfigReader.Child(path, property.Name), value))
                    {
                        yield return found;
                    }
                }
                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    foreach (var found in PathsOf(item, ConfigReader.Item(path, index++), value))
                    {
                        yield return found;
                    }
                }
                break;
            case JsonValueKind.String when element.GetString() == value:
            case JsonValueKind.Number when element.GetRawText() == value:
                yield return path;
                break;
        }
    }
}
