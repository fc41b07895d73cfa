using System;
using System.Collections.Generic;
using System.Text.Json;
using Connectors.Runtime.Json;
using Connectors.Runtime.Secrets;
using Microsoft.Extensions.Logging;

namespace Connectors.Runtime.Hosting;

/// <summary>The outcome of binding a config file into a new connector instance, as the command-line hosts report it (see <see cref="ConnectorConfig"/>).</summary>
/// <typeparam name="TConnector">The author's connector class.</typeparam>
/// <param name="Connector">The configured connector, or null when the config is invalid.</param>
/// <param name="Problem">Every problem with the config, naming the file and JSON paths; null when valid.</param>
public sealed record ConfigBinding<TConnector>(TConnector? Connector, string? Problem) where TConnector : class
{
    /// <summary>The environment variable that makes unknown config keys errors (<c>true</c>) or warnings (<c>false</c>).</summary>
    public const string StrictConfigVariable = "CONNECTORS_STRICT_CONFIG";

    /// <summary>Creates a connector and binds the config file at <paramref name="path"/>; secrets go to the masker first.</summary>
    /// <param name="context">The host.</param>
    /// <param name="path">The config file.</param>
    /// <param name="logger">Where each unknown key is logged as a warning (unless strict config makes it an error).</param>
    /// <exception cref="InputException">The file is missing or not JSON.</exception>
    public static ConfigBinding<TConnector> Load(HostContext<TConnector> context, string path, ILogger logger)
    {
        using var document = JsonInput.Load(path, "config");
        return Bind(context, document.RootElement, $"The config file '{path}'", logger);
    }

    /// <summary>Binds a config document from anywhere.</summary>
    /// <param name="context">The host.</param>
    /// <param name="config">The config document.</param>
    /// <param name="source">What the config is, to begin messages: "The config file 'config.json'".</param>
    /// <param name="logger">
    /// Where each unknown key is logged as a warning; null to log nothing (a config bound again after it was accepted).
    /// </param>
    public static ConfigBinding<TConnector> Bind(HostContext<TConnector> context, JsonElement config, string source, ILogger? logger)
    {
        if (StrictConfigProblem(context.Descriptor, out var strict) is { } invalidSwitch)
        {
            return new ConfigBinding<TConnector>(null, invalidSwitch);
        }
        var result = ConnectorConfig.Bind(context.Descriptor, config, context.Masker, rejectUnknownProperties: strict);
        RememberUserNamesAndWarn(context, result.AddedSecrets, config, logger);
        if (logger is not null)
        {
            foreach (var unknown in result.UnknownProperties)
            {
                LogUnknown(logger, source, unknown);
            }
        }
        return result.Succeeded
            ? new ConfigBinding<TConnector>(result.Connector, null)
            : new ConfigBinding<TConnector>(null, $"{source} is invalid: {string.Join("; ", result.Problems)}");
    }

    private static void LogUnknown(ILogger logger, string source, UnknownProperty unknown)
    {
        if (unknown.Suggestion is { } suggestion)
        {
            logger.LogWarning("{Source} has an unknown property {Key} at {Path}, which is ignored; did you mean \"{Suggestion}\"?",
                source, ConfigReader.Quote(unknown.Key), unknown.Path, suggestion);
        }
        else
        {
            logger.LogWarning("{Source} has an unknown property {Key} at {Path}, which is ignored.", source, ConfigReader.Quote(unknown.Key), unknown.Path);
        }
    }

    /// <summary>Whether unknown keys are errors: <see cref="StrictConfigVariable"/> if set, else the connector's choice.</summary>
    private static string? StrictConfigProblem(ConnectorDescriptor<TConnector> descriptor, out bool strict)
    {
        strict = descriptor.StrictConfig;
        var value = Environment.GetEnvironmentVariable(StrictConfigVariable)?.Trim();
        switch (value?.ToLowerInvariant())
        {
            case null or "":
                return null;
            case "true" or "1":
                strict = true;
                return null;
            case "false" or "0":
                strict = false;
                return null;
            default:
                return $"The environment variable {StrictConfigVariable} is '{value}'; expected true or false (or 1 or 0).";
        }
    }

    /// <summary>
    /// Gives the masker, as the user names a Basic authorization header may pair the secrets with, the config's other
    /// strings; warns once about each new secret (the binder gave the masker) too short to mask well.
    /// </summary>
    private static void RememberUserNamesAndWarn(HostContext<TConnector> context, IReadOnlyList<string> added, JsonElement config, ILogger? logger)
    {
        var strings = new List<string>();
        AddStrings(config, strings);
        context.Masker.AddUserNames(strings);
        foreach (var secret in added)
        {
            if (!SecretMasker.IsTooShort(secret))
            {
                continue;
            }
            var paths = new List<string>();
            AddPathsOf(config, "$", secret, paths);
            logger?.LogWarning(
                "The secret at {Path} is only {Length} character(s) long, too short to mask safely: it is masked only where no letter or digit touches it, and its base64 forms are not masked. Use a secret of at least {Minimum} characters.",
                paths.Count > 0 ? string.Join(", ", paths) : "an unknown path", secret.Length, SecretMasker.MinimumSafeLength);
        }
    }

    // Recursion into lists rather than SelectMany and iterators: a native build compiles neither Linq's SelectMany
    // iterators over JsonElement and JsonProperty nor an iterator class (docs/aot.md).

    /// <summary>Adds the string values of a JSON document, depth first.</summary>
    private static void AddStrings(JsonElement element, List<string> strings)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                strings.Add(element.GetString()!);
                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    AddStrings(property.Value, strings);
                }
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    AddStrings(item, strings);
                }
                break;
        }
    }

    /// <summary>Adds the JSON paths of the scalar values whose text is <paramref name="value"/>.</summary>
    private static void AddPathsOf(JsonElement element, string path, string value, List<string> paths)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    AddPathsOf(property.Value, ConfigReader.Child(path, property.Name), value, paths);
                }
                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    AddPathsOf(item, ConfigReader.Item(path, index++), value, paths);
                }
                break;
            case JsonValueKind.String when element.GetString() == value:
            case JsonValueKind.Number when element.GetRawText() == value:
                paths.Add(path);
                break;
        }
    }
}
