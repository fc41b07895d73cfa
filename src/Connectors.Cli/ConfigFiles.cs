using System;
using System.IO;
using System.Text.Json;
using System.Text.Json.Nodes;
using Connectors.Client;
using Connectors.Client.Secrets;

namespace Connectors.Cli;

/// <summary>Reading config files (or stdin), and writing a connector's updated config back.</summary>
internal static class ConfigFiles
{
    private static JsonObject? _stdin;

    public static JsonObject Load(string path)
    {
        if (path == "-")
        {
            return (JsonObject)(_stdin ??= Parse(Console.In.ReadToEnd(), "stdin")).DeepClone();
        }
        if (!File.Exists(path))
        {
            throw new UsageException($"The config file '{path}' does not exist.");
        }
        return Parse(File.ReadAllText(path), path);
    }

    private static JsonObject Parse(string text, string origin)
    {
        try
        {
            return JsonNode.Parse(text) as JsonObject ?? throw new ConnectorException($"{origin}: the config is not a JSON object.");
        }
        catch (JsonException ex)
        {
            // The message names the line and position, never the content.
            throw new ConnectorException($"{origin}: not valid JSON ({ex.Message.Split('\n')[0]}).");
        }
    }

    /// <summary>Where the original held a secret reference, the written config holds it too.</summary>
    public static void KeepReferences(JsonNode? original, JsonNode? updated)
    {
        switch (original, updated)
        {
            case (JsonObject from, JsonObject to):
                foreach (var (key, child) in from)
                {
                    if (child is JsonValue value && value.TryGetValue<string>(out var text) && SecretResolver.IsReference(text) && to.ContainsKey(key))
                    {
                        to[key] = text;
                    }
                    else if (to.ContainsKey(key))
                    {
                        KeepReferences(child, to[key]);
                    }
                }
                break;
            case (JsonArray from, JsonArray to):
                for (var i = 0; i < Math.Min(from.Count, to.Count); i++)
                {
                    if (from[i] is JsonValue value && value.TryGetValue<string>(out var text) && SecretResolver.IsReference(text))
                    {
                        to[i] = text;
                    }
                    else
                    {
                        KeepReferences(from[i], to[i]);
                    }
                }
                break;
        }
    }

    /// <summary>Replaces the file atomically, keeping its permissions.</summary>
    public static void Write(string path, JsonObject config)
    {
        var temporary = path + ".connectors-tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = File.GetUnixFileMode(path);
        }
        using (var stream = new FileStream(temporary, options))
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            config.WriteTo(writer);
        }
        File.Move(temporary, path, overwrite: true);
    }
}
