using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Reflection;
using System.Text;

namespace Connectors.Testing.Processes;

/// <summary>
/// How to start a compiled connector as a process: <c>dotnet exec &lt;dll&gt; &lt;args&gt;</c>, or a native executable (a
/// <c>PublishAot</c> build, anything not ending in <c>.dll</c>) as itself, the way a platform's image runs it, with every
/// standard stream redirected, in a working directory of the test's, with the environment the test asks for.
/// </summary>
internal sealed class ConnectorProgram
{
    public ConnectorProgram(string dllPath, IReadOnlyDictionary<string, string?> environment, string workingDirectory, TimeSpan timeout,
        bool emptyEnvironment = false)
    {
        if (!File.Exists(dllPath))
        {
            throw new FileNotFoundException($"The connector was not built at {dllPath}.", dllPath);
        }
        DllPath = dllPath;
        Environment = environment;
        WorkingDirectory = workingDirectory;
        Timeout = timeout;
        EmptyEnvironment = emptyEnvironment;
    }

    /// <summary>The connector of the assembly a test project references: its dll, copied beside the tests with its runtimeconfig.</summary>
    public static string DllOf(Assembly connectorAssembly)
    {
        var dll = connectorAssembly.Location;
        var runtimeConfig = Path.ChangeExtension(dll, ".runtimeconfig.json");
        if (string.IsNullOrEmpty(dll) || !File.Exists(runtimeConfig))
        {
            throw new InvalidOperationException(
                $"{connectorAssembly.GetName().Name} cannot run as a process: no {Path.GetFileName(runtimeConfig)} beside '{dll}'. "
                + "Reference the connector's project (an executable, OutputType Exe) from the test project with a ProjectReference.");
        }
        return dll;
    }

    /// <summary>The connector's dll, or its native executable.</summary>
    public string DllPath { get; }

    /// <summary>True when <see cref="DllPath"/> is a native executable that runs without the dotnet host.</summary>
    public bool IsNative => !DllPath.EndsWith(".dll", StringComparison.OrdinalIgnoreCase);

    /// <summary>The connector's name as a process (its assembly name).</summary>
    public string Name => Path.GetFileNameWithoutExtension(DllPath);

    /// <summary>Variables set (or, with a null value, removed) for the process.</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; }

    /// <summary>
    /// True when the process gets only <see cref="Environment"/>, not the test's variables (Conduit starts its plugins
    /// so: no <c>PATH</c>, <c>HOME</c> or <c>DOTNET_ROOT</c>).
    /// </summary>
    public bool EmptyEnvironment { get; }

    /// <summary>The same program with other variables (and the same working directory and timeout).</summary>
    public ConnectorProgram With(IReadOnlyDictionary<string, string?> environment) =>
        new(DllPath, environment, WorkingDirectory, Timeout, EmptyEnvironment);

    /// <summary>The process's working directory.</summary>
    public string WorkingDirectory { get; }

    /// <summary>How long one process may run before it is killed: a guard against hangs, not a timing assertion.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>The start info for <c>dotnet exec &lt;dll&gt; &lt;args&gt;</c>, or <c>&lt;executable&gt; &lt;args&gt;</c>.</summary>
    public ProcessStartInfo StartInfo(IReadOnlyList<string> args)
    {
        var info = new ProcessStartInfo(IsNative ? DllPath : DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            StandardInputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            UseShellExecute = false,
            WorkingDirectory = WorkingDirectory,
        };
        if (!IsNative)
        {
            info.ArgumentList.Add("exec");
            // A test project that uses a shared framework (ASP.NET Core, say) gets no copy of the packages that framework
            // also carries (Microsoft.Extensions.Logging.Abstractions…), but the connector's own runtimeconfig names only
            // .NET's: let the host find those packages where NuGet restored them, as `dotnet run` of the connector would.
            if (PackageRoot() is { } packages)
            {
                info.ArgumentList.Add("--additionalprobingpath");
                info.ArgumentList.Add(packages);
            }
            info.ArgumentList.Add(DllPath);
        }
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        // The connector's log level comes from the test, not from whoever runs the tests.
        info.Environment.Remove("LOG_LEVEL");
        if (EmptyEnvironment)
        {
            info.Environment.Clear();
        }
        foreach (var (name, value) in Environment)
        {
            if (value is null)
            {
                info.Environment.Remove(name);
            }
            else
            {
                info.Environment[name] = value;
            }
        }
        InheritedSignals.Apply(info);
        return info;
    }

    /// <summary>NuGet's global packages folder (<c>NUGET_PACKAGES</c>, else <c>~/.nuget/packages</c>), when it exists.</summary>
    private static string? PackageRoot()
    {
        var root = System.Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        return Directory.Exists(root) ? root : null;
    }

    /// <summary>The dotnet executable running the tests, so connectors run on the same runtime.</summary>
    public static string DotnetHost()
    {
        if (System.Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host))
        {
            return host;
        }
        var current = System.Environment.ProcessPath;
        return current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : "dotnet";
    }
}
