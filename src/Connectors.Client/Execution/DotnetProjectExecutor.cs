using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Connectors.Client.Execution;

/// <summary>
/// A connector's .NET project, built (<c>dotnet build -c Release</c>) the first time this executor runs it and then run
/// from its output assembly.
/// </summary>
public sealed class DotnetProjectExecutor : IConnectorExecutor
{
    private readonly SemaphoreSlim _build = new(1, 1);
    private string? _assembly;

    /// <summary>The project file (<c>.csproj</c>) or its directory.</summary>
    public DotnetProjectExecutor(string project, string configuration = "Release")
    {
        var path = System.IO.Path.GetFullPath(project);
        if (Directory.Exists(path))
        {
            var projects = Directory.GetFiles(path, "*.csproj");
            if (projects.Length != 1)
            {
                throw new ConnectorException($"The directory '{path}' holds {projects.Length} .csproj files; name one.");
            }
            path = projects[0];
        }
        ProjectPath = path;
        Configuration = configuration;
    }

    /// <summary>The project file.</summary>
    public string ProjectPath { get; }

    /// <summary>The build configuration.</summary>
    public string Configuration { get; }

    /// <inheritdoc />
    public string Name => _assembly is null ? System.IO.Path.GetFileNameWithoutExtension(ProjectPath) : System.IO.Path.GetFileNameWithoutExtension(_assembly);

    /// <inheritdoc />
    public string Location => ProjectPath;

    /// <summary>The built assembly; null until <see cref="PrepareAsync"/> has built the project.</summary>
    public string? TargetPath => _assembly;

    /// <inheritdoc />
    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        if (_assembly is not null)
        {
            return;
        }
        await _build.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_assembly is not null)
            {
                return;
            }
            if (!File.Exists(ProjectPath))
            {
                throw new ConnectorException($"The project '{ProjectPath}' does not exist.");
            }
            await Tool.RunAsync(DotnetHost.Path, ["build", ProjectPath, "-c", Configuration, "-nologo", "-v", "q"], null, cancellationToken).ConfigureAwait(false);
            var output = await Tool.RunAsync(DotnetHost.Path,
                ["msbuild", ProjectPath, "-nologo", "-getProperty:TargetPath", $"-p:Configuration={Configuration}"], null, cancellationToken).ConfigureAwait(false);
            var target = output.Trim();
            if (!File.Exists(target))
            {
                throw new ConnectorException($"Building '{ProjectPath}' did not produce '{target}'.");
            }
            _assembly = target;
        }
        finally
        {
            _build.Release();
        }
    }

    /// <inheritdoc />
    public ProcessStartInfo CreateStartInfo(IReadOnlyList<string> arguments, string filesDirectory)
    {
        var info = new ProcessStartInfo(DotnetHost.Path);
        info.ArgumentList.Add(_assembly ?? throw new ConnectorException($"The project '{ProjectPath}' has not been built."));
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        return info;
    }
}
