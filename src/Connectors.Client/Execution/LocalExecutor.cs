using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Connectors.Client.Execution;

/// <summary>A connector on this machine: an executable (run directly) or a .NET assembly (run with <c>dotnet</c>).</summary>
public sealed class LocalExecutor : IConnectorExecutor
{
    /// <summary>A connector at <paramref name="path"/>; a bare name is looked up on PATH when run.</summary>
    public LocalExecutor(string path, string? name = null)
    {
        Path = path.Contains('/') || path.Contains('\\') ? System.IO.Path.GetFullPath(path) : path;
        Name = name ?? System.IO.Path.GetFileNameWithoutExtension(path);
    }

    /// <summary>The executable or .dll.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public string Location => Path;

    /// <inheritdoc />
    public Task PrepareAsync(CancellationToken cancellationToken)
    {
        if (System.IO.Path.IsPathRooted(Path) && !File.Exists(Path))
        {
            throw new ConnectorException($"The connector '{Path}' does not exist.");
        }
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public ProcessStartInfo CreateStartInfo(IReadOnlyList<string> arguments, string filesDirectory)
    {
        var isAssembly = Path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase);
        var info = new ProcessStartInfo(isAssembly ? DotnetHost.Path : Path);
        if (isAssembly)
        {
            info.ArgumentList.Add(Path);
        }
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        return info;
    }
}

/// <summary>The <c>dotnet</c> host that runs this process, so a .dll connector runs on the same installation.</summary>
internal static class DotnetHost
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(fromEnvironment) && File.Exists(fromEnvironment))
        {
            return fromEnvironment;
        }
        var current = Environment.ProcessPath;
        return current is not null && System.IO.Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : "dotnet";
    }
}
