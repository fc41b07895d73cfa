using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;

namespace Connectors.Runtime.Conduit.Tests.Driver;

/// <summary>
/// The samples' Conduit builds (samples/*.Conduit) as Conduit users install them: <c>dotnet publish -r linux-x64 --self-contained</c>, once per test run,
/// into the tests' output folder. A self-contained executable runs in the empty environment Conduit gives it.
/// </summary>
internal static class PublishedPlugins
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly Dictionary<string, string> Published = new();
    private static readonly Dictionary<string, string> Logs = new();

    private const string FakerProject = "samples/Faker.Source.Conduit/Faker.Source.Conduit.csproj";

    public static Task<string> FakerAsync() => PublishAsync(FakerProject, "source-faker");

    /// <summary>What the Faker plugin's publish printed (a native AOT publish: the project sets PublishAot).</summary>
    public static async Task<string> FakerPublishLogAsync()
    {
        await FakerAsync();
        return Logs[FakerProject];
    }

    public static Task<string> SqliteAsync() => PublishAsync("samples/Sqlite.Destination.Conduit/Sqlite.Destination.Conduit.csproj", "destination-sqlite");

    /// <summary>The lifecycle test connector (tests/TestConnectors) built as a Conduit plugin: it journals every hook it gets.</summary>
    public static Task<string> LifecycleAsync() =>
        PublishAsync("tests/TestConnectors/Lifecycle.Connector.Conduit/Lifecycle.Connector.Conduit.csproj", "lifecycle-connector");

    private static async Task<string> PublishAsync(string project, string executable)
    {
        await Gate.WaitAsync();
        try
        {
            if (Published.TryGetValue(project, out var path))
            {
                return path;
            }
            var output = Path.Combine(AppContext.BaseDirectory, "conduit-plugins", executable);
            // The native-code step always runs, so the trim and AOT warnings it prints are this run's, never skipped as up to date.
            var native = Path.Combine(Metadata("RepoRoot"), Path.GetDirectoryName(project)!, "obj", Metadata("Configuration"), "net10.0", "linux-x64", "native");
            if (Directory.Exists(native))
            {
                Directory.Delete(native, recursive: true);
            }
            var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = Metadata("RepoRoot"),
            };
            foreach (var arg in new[] { "publish", Path.Combine(Metadata("RepoRoot"), project), "-c", Metadata("Configuration"), "-r", "linux-x64",
                         "--self-contained", "-o", output, "--nologo", "-v", "minimal" })
            {
                info.ArgumentList.Add(arg);
            }
            // The tests' own MSBuild settings must not leak into the publish.
            info.Environment.Remove("MSBuildExtensionsPath");
            info.Environment.Remove("MSBUILD_EXE_PATH");
            info.Environment.Remove("MSBuildSDKsPath");
            using var process = Process.Start(info)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
            await process.WaitForExitAsync(timeout.Token);
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"dotnet publish {project} failed ({process.ExitCode}):\n{await stdout}\n{await stderr}");
            }
            path = Path.Combine(output, executable);
            Published[project] = path;
            Logs[project] = await stdout + await stderr;
            return path;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>The repository's root folder.</summary>
    public static string RepoRoot => Metadata("RepoRoot");

    /// <summary>The configuration the tests were built in (the samples' builds beside them).</summary>
    public static string Configuration => Metadata("Configuration");

    private static string Metadata(string key) =>
        typeof(PublishedPlugins).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == key).Value!;
}
