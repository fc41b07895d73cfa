using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading.Tasks;
using Xunit;

namespace Connectors.Client.Tests.Infrastructure;

/// <summary>What one run of the connectors tool printed, and how it exited.</summary>
public sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}

/// <summary>Runs the built <c>connectors</c> tool (<c>dotnet connectors.dll …</c>) as a process, stdout not a terminal.</summary>
internal static class Cli
{
    public static async Task<CliResult> RunAsync(string home, IEnumerable<string> arguments, IDictionary<string, string>? environment = null,
        string? workingDirectory = null, string? stdin = null)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? home,
        };
        info.ArgumentList.Add(Built.Cli);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        info.Environment["CONNECTORS_HOME"] = home;
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
        }
        process.StandardInput.Close();
        var exited = process.WaitForExitAsync();
        if (await Task.WhenAny(exited, Task.Delay(TimeSpan.FromMinutes(3))) != exited)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"connectors {string.Join(" ", info.ArgumentList)} did not finish within 3 minutes.");
        }
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }
}
