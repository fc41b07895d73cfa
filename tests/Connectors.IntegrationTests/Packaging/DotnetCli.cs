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
    public static Task<string> RunAsync(string directory, params string[] args) => RunAsync(directory, Timeout, args);

    /// <summary>As <see cref="RunAsync(string, string[])"/>, with a guard of its own (a native AOT publish takes longer).</summary>
    public static async Task<string> RunAsync(string directory, TimeSpan timeout, params string[] args)
    {
        var info = StartInfo(Connector.DotnetHost(), directory);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        var run = await RunAsync(info, $"dotnet {string.Join(" ", args)}", timeout);
        return run.Output;
    }

    /// <summary>As <see cref="RunAsync(string, TimeSpan, string[])"/>, but a non-zero exit is returned, not thrown.</summary>
    public static async Task<(int ExitCode, string Output)> TryRunAsync(string directory, TimeSpan timeout, params string[] args)
    {
        var info = StartInfo(Connector.DotnetHost(), directory);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        var exitCode = 0;
        var run = await RunAsync(info, $"dotnet {string.Join(" ", args)}", timeout, code => exitCode = code);
        return (exitCode, run.Output);
    }

    /// <summary>
    /// Runs a bash script the way a user types commands into a shell: <c>set -euxo pipefail</c>, so the first failing
    /// command (or stage of a pipe) stops it, and each command is echoed on stderr before it runs.
    /// </summary>
    public static Task<ScriptRun> RunScriptAsync(string directory, string script, IReadOnlyDictionary<string, string> environment, TimeSpan timeout)
    {
        var info = StartInfo("bash", directory);
        info.ArgumentList.Add("-c");
        // Each echoed command carries the seconds since the start: a failure's transcript shows where the time went.
        info.ArgumentList.Add("set -euxo pipefail\nPS4='+ [${SECONDS}s] '\n" + script);
        // dotnet as the test run found it, first on the PATH.
        if (System.IO.Path.GetDirectoryName(Connector.DotnetHost()) is { Length: > 0 } dotnetDirectory)
        {
            info.Environment["PATH"] = dotnetDirectory + System.IO.Path.PathSeparator + info.Environment["PATH"];
        }
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }
        return RunAsync(info, "the script", timeout);
    }

    /// <summary>Build-type arguments every child build gets: no terminal logger, and no build servers left running.</summary>
    public static string[] Build(string verb, params string[] args) => [verb, .. args, "-tl:off", "--disable-build-servers"];

    /// <summary>What a script printed: stdout alone, and stdout and stderr interleaved as they came.</summary>
    public sealed record ScriptRun(string Stdout, string Output);

    private static ProcessStartInfo StartInfo(string fileName, string directory)
    {
        var info = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
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
        return info;
    }

    private static async Task<ScriptRun> RunAsync(ProcessStartInfo info, string description, TimeSpan timeout, Action<int>? onExit = null)
    {
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {info.FileName}.");
        var output = new StringBuilder();
        var stdout = new StringBuilder();
        process.OutputDataReceived += (_, e) =>
        {
            Append(output, e.Data);
            Append(stdout, e.Data);
        };
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var exited = process.WaitForExitAsync();
        if (await Task.WhenAny(exited, Task.Delay(timeout)).ConfigureAwait(false) != exited)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{description} did not finish within {timeout}:\n{Text(output)}");
        }
        await exited.ConfigureAwait(false);
        process.WaitForExit();
        onExit?.Invoke(process.ExitCode);
        if (process.ExitCode != 0 && onExit is null)
        {
            throw new Xunit.Sdk.XunitException($"{description} (in {info.WorkingDirectory}) exited with {process.ExitCode}:\n{Text(output)}");
        }
        return new ScriptRun(Text(stdout), Text(output));
    }

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
