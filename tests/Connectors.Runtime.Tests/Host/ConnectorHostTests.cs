using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Connectors.Runtime.Hosting;
using Connectors.Runtime.Protocol;
using Connectors.Runtime.Secrets;
using Connectors.Runtime.Tests.Support;
using Xunit;

namespace Connectors.Runtime.Tests.Host;

/// <summary>
/// <see cref="ConnectorHost"/> around any command: what it does when a command crashes, finds its output closed or is
/// stopped, how it checks positional arguments and options a command declares, and the usage text's layout.
/// </summary>
public sealed class ConnectorHostTests
{
    private const string Secret = "hunter2-very-secret";

    /// <summary>One command, <c>probe</c>, that runs <paramref name="run"/>.</summary>
    private sealed class ProbeProtocol(Func<HostContext<TestSource>, Task<int>> run, IReadOnlyList<string>? arguments = null,
        IReadOnlyList<string>? optional = null) : IProtocolHost
    {
        public string Name => "probe";

        public IReadOnlyList<HostCommand<TConnector>> Commands<TConnector>(ConnectorDescriptor<TConnector> descriptor) where TConnector : class =>
        [
            new()
            {
                Name = "probe",
                Summary = "Probe the host.",
                Arguments = arguments ?? [],
                OptionalOptions = optional ?? [],
                RunAsync = context => run((HostContext<TestSource>)(object)context),
            },
        ];
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(IProtocolHost protocol, string[] args,
        CancellationToken cancellation = default)
    {
        var stdout = new MemoryStream();
        var stderr = new StringWriter();
        var masker = new SecretMasker();
        masker.Add(Secret);
        var io = new HostIO(stdout, stderr, Stream.Null) { Masker = masker };
        var exitCode = await ConnectorHost.RunAsync(TestConnector.WithStreams(), args, io, [Connectors.Runtime.Airbyte.AirbyteProtocol.Instance, protocol],
            cancellation);
        return (exitCode, Encoding.UTF8.GetString(stdout.ToArray()), stderr.ToString());
    }

    [Fact]
    public async Task A_command_that_crashes_exits_1_with_the_exception_masked_on_stderr_and_its_output_so_far_on_stdout()
    {
        var (exitCode, stdout, stderr) = await RunAsync(new ProbeProtocol(context =>
        {
            context.Lines.WriteObject(json => json.WriteString("type", "LOG"));
            throw new InvalidOperationException("could not use " + Secret);
        }), ["probe"]);

        Assert.Equal(ExitCodes.Failure, exitCode);
        Assert.Contains("System.InvalidOperationException: could not use ****", stderr);
        Assert.DoesNotContain(Secret, stderr);
        Assert.Equal("{\"type\":\"LOG\"}\n", stdout);
    }

    [Fact]
    public async Task A_command_whose_output_was_closed_exits_141_quietly()
    {
        var (exitCode, _, stderr) = await RunAsync(new ProbeProtocol(_ => throw new OutputClosedException()), ["probe"]);

        Assert.Equal(ExitCodes.OutputClosed, exitCode);
        Assert.Equal("", stderr);
    }

    [Fact]
    public async Task A_command_stopped_by_cancellation_exits_with_the_stop_code_unless_it_succeeded()
    {
        static ProbeProtocol Stopping(int exitCode) => new(async context =>
        {
            await Task.Delay(Timeout.Infinite, context.Cancellation).ContinueWith(_ => { }, TaskScheduler.Default);
            return exitCode;
        });
        using var first = new CancellationTokenSource();
        using var second = new CancellationTokenSource();
        first.Cancel();
        second.Cancel();

        var failed = await RunAsync(Stopping(ExitCodes.Failure), ["probe"], first.Token);
        var succeeded = await RunAsync(Stopping(ExitCodes.Success), ["probe"], second.Token);

        Assert.Equal(ExitCodes.Terminated, failed.ExitCode);
        Assert.Equal(ExitCodes.Success, succeeded.ExitCode);
    }

    [Fact]
    public async Task A_failing_command_that_was_not_stopped_keeps_its_exit_code()
    {
        var (exitCode, _, _) = await RunAsync(new ProbeProtocol(_ => Task.FromResult(ExitCodes.Failure)), ["probe"]);

        Assert.Equal(ExitCodes.Failure, exitCode);
    }

    [Fact]
    public async Task Positional_arguments_are_checked_against_the_ones_a_command_names()
    {
        var seen = new List<string>();
        var protocol = new ProbeProtocol(context =>
        {
            seen.AddRange(context.CommandLine.Arguments);
            return Task.FromResult(ExitCodes.Success);
        }, arguments: ["source", "target"], optional: ["verbose"]);

        var missing = await RunAsync(protocol, ["probe", "a"]);
        var given = await RunAsync(protocol, ["probe", "a", "b", "--verbose", "yes"]);

        Assert.Equal(ExitCodes.Usage, missing.ExitCode);
        Assert.StartsWith("error: The probe command needs <source>, <target>.\n", missing.Stderr.ReplaceLineEndings("\n"));
        Assert.Equal(ExitCodes.Success, given.ExitCode);
        Assert.Equal(["a", "b"], seen);
    }

    [Fact]
    public async Task The_usage_lines_up_every_summary_in_one_column()
    {
        var (exitCode, stdout, usage) = await RunAsync(new ProbeProtocol(_ => Task.FromResult(0), arguments: ["source"]), ["--help"]);

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Equal("", stdout);
        var lines = usage.ReplaceLineEndings("\n").Split('\n');
        Assert.Equal(["source-test 1.2.3", "Usage: source-test <command> [options]", "", "Commands:"], lines[..4]);
        var commands = lines.Skip(4).TakeWhile(l => l.Length > 0).ToList();
        var options = lines.SkipWhile(l => l != "Options:").Skip(1).TakeWhile(l => l.Length > 0).ToList();
        var synopses = commands.Select(l => l.Substring(2, l.IndexOf("   ", 2, StringComparison.Ordinal) - 2)).ToList();
        // Two spaces, the longest synopsis, three spaces, then the summary.
        var column = 2 + synopses.Max(s => s.Length) + 3;
        Assert.Contains("  probe <source>", commands.Select(l => l[..16]));
        Assert.All(commands.Concat(options), l =>
        {
            Assert.StartsWith("  ", l);
            Assert.NotEqual(' ', l[column]);
            Assert.Equal(' ', l[column - 1]);
        });
        Assert.Equal(["  --debug", "  --help"], options.Select(l => l[..column].TrimEnd()));
        Assert.EndsWith("Show this help.", options[1]);
        Assert.Equal("Protocol messages go to stdout, one JSON object per line; everything else goes to stderr.", lines[^2]);
        Assert.Equal("", lines[^1]);
    }
}
