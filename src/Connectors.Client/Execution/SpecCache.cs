using System;
using System.Globalization;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Connectors.Client.Execution;

/// <summary>
/// Connectors' SPEC messages kept under the connectors home (<c>spec-cache/</c>), so that a second run of the same
/// connector does not start it for <c>spec</c>. An entry is keyed by what the connector's code is: the executable's full
/// path, size and modification time (and those of the <c>.dll</c> beside an apphost), or an npm package's name, pinned
/// version and install time. A connector with no such key (a Docker image: tags move) is never cached.
/// </summary>
internal sealed class SpecCache
{
    private readonly string _directory;

    public SpecCache(ConnectorHome home) => _directory = home.SpecCacheDirectory;

    /// <summary>The cached spec for <paramref name="key"/>; null when there is none or it cannot be read.</summary>
    public JsonElement? TryGet(string key)
    {
        var file = FileFor(key);
        try
        {
            if (!File.Exists(file))
            {
                return null;
            }
            using var document = JsonDocument.Parse(File.ReadAllBytes(file));
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("key", out var stored) && stored.ValueKind == JsonValueKind.String && stored.GetString() == key
                && root.TryGetProperty("spec", out var spec) && spec.ValueKind == JsonValueKind.Object
                && spec.TryGetProperty("connectionSpecification", out _)
                    ? spec.Clone()
                    : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            return null; // a damaged or unreadable entry is as good as none: the connector is asked again.
        }
    }

    /// <summary>Stores <paramref name="spec"/> for <paramref name="key"/> (written whole, then renamed into place).</summary>
    public void Store(string key, JsonElement spec)
    {
        var file = FileFor(key);
        var temporary = file + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp";
        try
        {
            Directory.CreateDirectory(_directory);
            using (var stream = File.Create(temporary))
            using (var writer = new Utf8JsonWriter(stream))
            {
                writer.WriteStartObject();
                writer.WriteString("key", key);
                writer.WritePropertyName("spec");
                spec.WriteTo(writer);
                writer.WriteEndObject();
            }
            File.Move(temporary, file, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary); // a home that cannot be written to costs a spec run next time, nothing more.
        }
    }

    /// <summary>The key of <paramref name="executor"/>'s code as it is now; null when it has none worth trusting.</summary>
    public static string? KeyFor(IConnectorExecutor executor) => executor switch
    {
        LocalExecutor local => FileKey("local", local.Path),
        DotnetProjectExecutor project => project.TargetPath is { } target ? FileKey("project", target) : null,
        NpmExecutor npm when npm.IsInstalled =>
            $"npm:{npm.Package}@{npm.Version}|{Stamp(Path.Combine(npm.Directory, NpmExecutor.InstalledMarker))}",
        _ => null,
    };

    /// <summary>
    /// <c>kind:path|size|mtime</c>, plus the <c>.dll</c> beside an apphost (rebuilding a framework-dependent connector
    /// rewrites its .dll but may leave the apphost as it was). Null for a bare name looked up on PATH.
    /// </summary>
    private static string? FileKey(string kind, string path)
    {
        if (!Path.IsPathRooted(path) || !File.Exists(path))
        {
            return null;
        }
        var key = new StringBuilder(kind).Append(':').Append(path).Append('|').Append(Stamp(path));
        if (!path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
        {
            var assembly = Path.Combine(Path.GetDirectoryName(path)!, Path.GetFileNameWithoutExtension(path) + ".dll");
            if (File.Exists(assembly))
            {
                key.Append('|').Append(Stamp(assembly));
            }
        }
        return key.ToString();
    }

    private static string Stamp(string path)
    {
        var info = new FileInfo(path);
        return info.Exists
            ? info.Length.ToString(CultureInfo.InvariantCulture) + "|" + info.LastWriteTimeUtc.Ticks.ToString(CultureInfo.InvariantCulture)
            : "missing";
    }

    private string FileFor(string key) =>
        Path.Combine(_directory, Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..32].ToLowerInvariant() + ".json");

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }
    }
}
