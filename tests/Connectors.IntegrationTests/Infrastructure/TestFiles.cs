using System;
using System.IO;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;

namespace Connectors.IntegrationTests.Infrastructure;

/// <summary>Config, catalog and state files for connector processes, in one temporary directory per test run.</summary>
internal static class TestFiles
{
    private static int _counter;

    static TestFiles()
    {
        Directory = Path.Combine(Path.GetTempPath(), "connectors-integration-tests-" + Environment.ProcessId);
        System.IO.Directory.CreateDirectory(Directory);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                System.IO.Directory.Delete(Directory, recursive: true);
            }
            catch (IOException)
            {
            }
        };
    }

    /// <summary>The directory the files are in (also the connectors' working directory).</summary>
    public static string Directory { get; }

    /// <summary>Writes a file with a unique name ending in <paramref name="name"/>; returns its full path.</summary>
    public static string Write(string name, string content)
    {
        var path = Path.Combine(Directory, Interlocked.Increment(ref _counter) + "-" + name);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>Serializes <paramref name="value"/> into a unique <c>.json</c> file; returns its full path.</summary>
    public static string Json(string name, object value) => Write(name + ".json", JsonSerializer.Serialize(value));

    /// <summary>A copy of a configured catalog file with every stream changed by <paramref name="edit"/>.</summary>
    public static string EditCatalog(string catalog, Action<JsonNode> edit)
    {
        var root = JsonNode.Parse(File.ReadAllText(catalog))!;
        foreach (var stream in root["streams"]!.AsArray())
        {
            edit(stream!);
        }
        return Write("catalog.json", root.ToJsonString());
    }
}
