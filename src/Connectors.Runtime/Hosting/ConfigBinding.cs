using System;
using System.Text.Json;
using Connectors.Runtime.Json;

namespace Connectors.Runtime.Hosting;

/// <summary>The outcome of binding a config file into a new connector instance, as the command-line hosts report it (see <see cref="ConnectorConfig"/>).</summary>
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
        var result = ConnectorConfig.Bind(context.Descriptor, config, context.Masker);
        return result.Succeeded
            ? new ConfigBinding<TConnector>(result.Connector, null)
            : new ConfigBinding<TConnector>(null, describe(string.Join("; ", result.Problems)));
    }
}
