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
/// The samples as Conduit users install them: <c>dotnet publish -r linux-x64 --self-contained</c>, once per test run,
/// into the tests' output folder. A self-contained executable runs in the empty environment Conduit gives it.
/// </summary>
internal static class PublishedPlugins
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly Dictionary<string, string> Published = new();

    public static Task<string> FakerAsync() => PublishAsync("samples/Faker.Source/Faker.Source.csproj", "source-faker");

    public static Task<string> SqliteAsync() => PublishAsync("samples/Sqlite.Destination/Sqlite.Destination.csproj", "destination-sqlite");

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
            var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = Metadata("RepoRoot"),
            };
            foreach (var arg in new[] { "publish", Path.Combine(Metadata("RepoRoot"), project), "-c", Metadata("Configuration"), "-r", "linux-x64",
                         "--self-contained", "-o", output, "--nologo", "-v", "quiet" })
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
            return path;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static string Metadata(string key) =>
        typeof(PublishedPlugins).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == key).Value!;
}
