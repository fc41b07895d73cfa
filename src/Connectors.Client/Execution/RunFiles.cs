using System;
using System.IO;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Connectors.Client.Execution;

/// <summary>
/// The files one connector run reads (config, catalog, state), in a fresh folder only the caller can enter (0700). The
/// config, which holds resolved secrets, is created readable by its owner only (0600). Everything is deleted on dispose,
/// whether the run succeeded, failed or was cancelled.
/// </summary>
internal sealed class RunFiles : IDisposable
{
    public RunFiles()
    {
        Directory = Path.Combine(Path.GetTempPath(), "connectors-run-" + Guid.NewGuid().ToString("N"));
        if (OperatingSystem.IsWindows())
        {
            System.IO.Directory.CreateDirectory(Directory);
        }
        else
        {
            System.IO.Directory.CreateDirectory(Directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    /// <summary>The folder.</summary>
    public string Directory { get; }

    /// <summary>Writes <paramref name="name"/> (owner read/write only) with <paramref name="json"/>; its path.</summary>
    public string Write(string name, JsonNode json)
    {
        var path = Path.Combine(Directory, name);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using var stream = new FileStream(path, options);
        using var writer = new Utf8JsonWriter(stream);
        json.WriteTo(writer);
        return path;
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
