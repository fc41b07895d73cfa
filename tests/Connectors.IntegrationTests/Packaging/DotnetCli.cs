using System;
using System.Collections;
using System.Collections.Generic;
using System.Diagnostics;
using System.Text;
using System.Threading.Tasks;
using Connectors.IntegrationTests.Infrastructure;

namespace Connectors.IntegrationTests.Packaging;

/// <summary>Runs the dotnet CLI (pack, new, restore, build, test) as a child process, the way a connector author would.</summary>
internal static class DotnetCli
{
    /// <summary>A guard against hangs: restores and builds on a busy two-core machine take a minute or two.</summary>
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(8);

    /// <summary>Runs <c>dotnet &lt;args&gt;</c> in <paramref name="directory"/> and returns its output; fails the test on a non-zero exit.</summary>
    public static async Task<string> RunAsync(string directory, params string[] args)
    {
        var info = new ProcessStartInfo(Connector.DotnetHost())
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        // The test host's MSBuild and VSTest variables describe this solution's build, not the child's.
        foreach (var name in EnvironmentNames())
        {
            if (name.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || name.StartsWith("VSTEST_", StringComparison.Ordinal)
                || name.StartsWith("TESTINGPLATFORM_", StringComparison.Ordinal))
            {
                info.Environment.Remove(name);
            }
        }
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";

        using var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start dotnet.");
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var exited = process.WaitForExitAsync();
        if (await Task.WhenAny(exited, Task.Delay(Timeout)).ConfigureAwait(false) != exited)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet {string.Join(" ", args)} did not finish within {Timeout}:\n{Text(output)}");
        }
        await exited.ConfigureAwait(false);
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new Xunit.Sdk.XunitException($"dotnet {string.Join(" ", args)} (in {directory}) exited with {process.ExitCode}:\n{Text(output)}");
        }
        return Text(output);
    }

    /// <summary>Build-type arguments every child build gets: no terminal logger, and no build servers left running.</summary>
    public static string[] Build(string verb, params string[] args) => [verb, .. args, "-tl:off", "--disable-build-servers"];

    private static IEnumerable<string> EnvironmentNames()
    {
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            yield return (string)entry.Key;
        }
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.Append(line).Append('\n');
            }
        }
    }

    private static string Text(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }
}
