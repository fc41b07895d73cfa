using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace Connectors.Client.Execution;

/// <summary>
/// A connector's Docker image, run as Airbyte's platform runs it:
/// <c>docker run --rm -i --init --user UID:GID -v FILES:/airbyte/connectors-client IMAGE ARGS</c>, where the folder
/// holding the config, catalog and state files is mounted and the paths in the arguments are rewritten to the mount. The
/// user is the caller's, so the config (readable by its owner only) can be read inside the container.
/// </summary>
public sealed class DockerExecutor : IConnectorExecutor
{
    /// <summary>Where the files folder is mounted inside the container.</summary>
    public const string ContainerFilesDirectory = "/airbyte/connectors-client";

    /// <summary>The image <paramref name="image"/> (with its tag), started with <paramref name="docker"/>.</summary>
    public DockerExecutor(string image, string docker = "docker", IReadOnlyList<string>? extraRunArguments = null)
    {
        Image = image;
        Docker = docker;
        ExtraRunArguments = extraRunArguments ?? Array.Empty<string>();
    }

    /// <summary>The image, e.g. <c>airbyte/source-faker:6.2.0</c>.</summary>
    public string Image { get; }

    /// <summary>The docker command (<c>docker</c>, <c>podman</c>).</summary>
    public string Docker { get; }

    /// <summary>More <c>docker run</c> options, before the image (<c>--network host</c>, <c>-e VAR</c>).</summary>
    public IReadOnlyList<string> ExtraRunArguments { get; }

    /// <inheritdoc />
    public string Name
    {
        get
        {
            var name = Image;
            var at = name.IndexOf('@');
            if (at >= 0) name = name[..at];
            var colon = name.LastIndexOf(':');
            if (colon > name.LastIndexOf('/')) name = name[..colon];
            return name[(name.LastIndexOf('/') + 1)..];
        }
    }

    /// <inheritdoc />
    public string Location => "docker:" + Image;

    /// <inheritdoc />
    public Task PrepareAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public ProcessStartInfo CreateStartInfo(IReadOnlyList<string> arguments, string filesDirectory)
    {
        var info = new ProcessStartInfo(Docker);
        foreach (var argument in RunArguments(arguments, filesDirectory))
        {
            info.ArgumentList.Add(argument);
        }
        return info;
    }

    /// <summary>The whole argument list after <c>docker</c>.</summary>
    public IReadOnlyList<string> RunArguments(IReadOnlyList<string> arguments, string filesDirectory)
    {
        var list = new List<string> { "run", "--rm", "-i", "--init" };
        if (!OperatingSystem.IsWindows())
        {
            list.Add("--user");
            list.Add($"{UnixIds.UserId}:{UnixIds.GroupId}");
        }
        list.Add("-v");
        list.Add($"{filesDirectory}:{ContainerFilesDirectory}");
        list.AddRange(ExtraRunArguments);
        list.Add(Image);
        var prefix = filesDirectory.TrimEnd('/') + "/";
        foreach (var argument in arguments)
        {
            list.Add(argument.StartsWith(prefix, StringComparison.Ordinal)
                ? ContainerFilesDirectory + "/" + argument[prefix.Length..]
                : argument);
        }
        return list;
    }
}
