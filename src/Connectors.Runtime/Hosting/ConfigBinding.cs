using System;
using System.Text.Json;
using Connectors.Runtime.Json;
using Microsoft.Extensions.Logging;

namespace Connectors.Runtime.Hosting;

/// <summary>The outcome of binding a config file into a new connector instance.</summary>
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
        var reader = new ConfigReader(config) { RejectUnknownProperties = strict };
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
            context.Masker.Add(reader.Secrets);
        }
        if (logger is not null)
        {
            foreach (var unknown in reader.UnknownProperties)
            {
                LogUnknown(logger, source, unknown);
            }
        }
        if (reader.Errors.Count == 0)
        {
            return new ConfigBinding<TConnector>(connector, null);
        }
        return new ConfigBinding<TConnector>(null, $"{source} is invalid: {string.Join("; ", reader.Errors)}");
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
}
