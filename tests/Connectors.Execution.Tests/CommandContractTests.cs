using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Connectors.TestHosts;
using Xunit;

namespace Connectors.Execution.Tests;

/// <summary>
/// pyinfra's <c>run_shell_command</c> semantics, which every connection keeps: run by <see cref="LocalCommandTests"/> on
/// this machine and by <see cref="SshCommandTests"/> over SSH.
/// </summary>
public abstract class CommandContractTests : IAsyncLifetime
{
    protected IHostConnection Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await ConnectAsync();

    public async Task DisposeAsync() => await Host.DisposeAsync();

    protected abstract Task<IHostConnection> ConnectAsync();

    [Fact]
    public async Task Reports_the_exit_code_and_the_lines_of_each_stream()
    {
        var outcome = await Host.RunAsync(new ShellCommand("echo one; echo two; echo oops >&2; exit 3"));

        Assert.Equal((false, 3, false, 1), (outcome.Success, outcome.ExitCode, outcome.TimedOut, outcome.Attempts));
        Assert.Equal(["one", "two"], outcome.Stdout);
        Assert.Equal(["oops"], outcome.Stderr);
    }

    [Fact]
    public async Task Hands_over_each_line_while_the_command_still_runs()
    {
        var first = new TaskCompletionSource<OutputLine>(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = $"/tmp/connectors-release-{Guid.NewGuid():N}";

        var run = Host.RunAsync(new ShellCommand($"echo first; while [ ! -e {release} ]; do sleep 0.05; done; echo second; rm -f {release}")
        {
            Timeout = TimeSpan.FromSeconds(30),
        }, line => first.TrySetResult(line));
        var line = await first.Task.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.False(run.IsCompleted);
        Assert.Equal(new OutputLine(OutputStreamKind.Stdout, "first", 1), line);
        await Host.RunAsync(new ShellCommand($"touch {release}"));
        Assert.Equal(["first", "second"], (await run).Stdout);
    }

    [Fact]
    public async Task Counts_the_given_success_exit_codes_as_success()
    {
        var outcome = await Host.RunAsync(new ShellCommand("exit 3") { SuccessExitCodes = [0, 3] });
        var zero = await Host.RunAsync(new ShellCommand("true") { SuccessExitCodes = [3] });

        Assert.True(outcome.Success);
        Assert.False(zero.Success);
    }

    [Fact]
    public async Task Exports_the_environment_and_runs_in_the_working_directory()
    {
        var outcome = await Host.RunAsync(new ShellCommand("pwd; echo \"$GREETING|$QUOTED\"")
        {
            Environment = new Dictionary<string, string> { ["GREETING"] = "hello world", ["QUOTED"] = "it's $HOME `x`" },
            WorkingDirectory = "/usr/share",
        });

        Assert.Equal(["/usr/share", "hello world|it's $HOME `x`"], outcome.Stdout);
    }

    [Fact]
    public async Task A_missing_working_directory_fails_the_command()
    {
        var outcome = await Host.RunAsync(new ShellCommand("echo never") { WorkingDirectory = "/no/such/folder" });

        Assert.Equal(1, outcome.ExitCode);
        Assert.Empty(outcome.Stdout);
        Assert.Contains(outcome.Stderr, l => l.Contains("/no/such/folder", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Writes_stdin_and_closes_it()
    {
        var given = await Host.RunAsync(new ShellCommand("sort") { Stdin = "b\na\n" });
        var none = await Host.RunAsync(new ShellCommand("cat; echo end") { Timeout = TimeSpan.FromSeconds(20) });

        Assert.Equal(["a", "b"], given.Stdout);
        Assert.Equal(["end"], none.Stdout);
    }

    [Fact]
    public async Task Runs_on_a_terminal_when_asked()
    {
        var pty = await Host.RunAsync(new ShellCommand("[ -t 0 ] && [ -t 1 ] && echo terminal; echo err >&2") { Pty = true });
        var plain = await Host.RunAsync(new ShellCommand("[ -t 1 ] || echo pipe"));

        Assert.Equal(0, pty.ExitCode);
        Assert.Equal(["terminal", "err"], pty.Stdout);
        Assert.Empty(pty.Stderr);
        Assert.Equal(["pipe"], plain.Stdout);
    }

    [Fact]
    public async Task A_terminal_keeps_the_exit_code_and_takes_stdin()
    {
        var outcome = await Host.RunAsync(new ShellCommand("read answer; echo \"got $answer\"; exit 4") { Pty = true, Stdin = "yes\n" });

        Assert.Equal(4, outcome.ExitCode);
        Assert.Contains("got yes", outcome.Stdout);
    }

    [Fact]
    public async Task Kills_a_command_past_its_timeout_with_every_process_it_started()
    {
        var child = HostProcesses.UniqueSleep();
        var foreground = HostProcesses.UniqueSleep();

        var outcome = await Host.RunAsync(new ShellCommand($"{child} & echo started; {foreground}") { Timeout = TimeSpan.FromSeconds(1) });

        Assert.Equal((false, null, true), (outcome.Success, outcome.ExitCode, outcome.TimedOut));
        Assert.Equal(["started"], outcome.Stdout);
        Assert.Empty(HostProcesses.GoneWithin(child, TimeSpan.FromSeconds(5)));
        Assert.Empty(HostProcesses.GoneWithin(foreground, TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Cancelling_kills_the_command_on_the_host()
    {
        var sleep = HostProcesses.UniqueSleep();
        using var cancel = new CancellationTokenSource();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var run = Host.RunAsync(new ShellCommand($"echo started; {sleep}"), _ => started.TrySetResult(), cancel.Token);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(20));
        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.Empty(HostProcesses.GoneWithin(sleep, TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Retries_an_unsuccessful_command_after_the_delay()
    {
        var counter = $"/tmp/connectors-retries-{Guid.NewGuid():N}";
        var attempts = new ConcurrentBag<int>();
        var clock = Stopwatch.StartNew();

        var outcome = await Host.RunAsync(new ShellCommand($"n=$(($(cat {counter} 2>/dev/null || echo 0) + 1)); echo $n > {counter}; echo attempt $n; [ $n -ge 3 ]")
        {
            Retries = 5,
            RetryDelay = TimeSpan.FromMilliseconds(300),
        }, line => attempts.Add(line.Attempt));
        await Host.RunAsync(new ShellCommand($"rm -f {counter}"));

        Assert.Equal((true, 0, 3), (outcome.Success, outcome.ExitCode, outcome.Attempts));
        Assert.Equal(["attempt 3"], outcome.Stdout);
        Assert.Equal([1, 2, 3], attempts.Order());
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(600), $"Two delays of 300 ms, but it took {clock.Elapsed}.");
    }

    [Fact]
    public async Task Gives_up_after_the_retries()
    {
        var outcome = await Host.RunAsync(new ShellCommand("echo no; exit 9") { Retries = 2, RetryDelay = TimeSpan.Zero });

        Assert.Equal((false, 9, 3), (outcome.Success, outcome.ExitCode, outcome.Attempts));
    }

    [Fact]
    public async Task Does_not_wait_for_a_background_child_that_keeps_the_output_open()
    {
        var sleep = HostProcesses.UniqueSleep();
        var clock = Stopwatch.StartNew();

        var outcome = await Host.RunAsync(new ShellCommand($"{sleep} & echo detached") { Timeout = TimeSpan.FromSeconds(60) });

        Assert.Equal((true, 0), (outcome.Success, outcome.ExitCode));
        Assert.Equal(["detached"], outcome.Stdout);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"It waited {clock.Elapsed} for the background child.");
        await Host.RunAsync(new ShellCommand($"pkill -f '^{sleep}' || true"));
    }

    [Fact]
    public async Task Keeps_at_most_the_line_limit_and_hands_over_every_line()
    {
        var handed = 0;

        var outcome = await Host.RunAsync(new ShellCommand("seq 1 500") { MaxOutputLines = 100 }, _ => Interlocked.Increment(ref handed));

        Assert.True(outcome.Truncated);
        Assert.Equal(Enumerable.Range(1, 100).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), outcome.Stdout);
        Assert.Equal(500, handed);
    }

    [Fact]
    public async Task A_syntax_error_is_the_commands_own_failure()
    {
        var outcome = await Host.RunAsync(new ShellCommand("echo ok; if then fi"));

        Assert.False(outcome.Success);
        Assert.Equal(2, outcome.ExitCode);
        Assert.NotEmpty(outcome.Stderr);
    }

    [Fact]
    public async Task Runs_several_commands_at_once()
    {
        var runs = Enumerable.Range(0, 4).Select(i => Host.RunAsync(new ShellCommand($"sleep 0.3; echo {i}"))).ToList();

        var outcomes = await Task.WhenAll(runs);

        Assert.Equal(["0", "1", "2", "3"], outcomes.Select(o => Assert.Single(o.Stdout)));
    }
}
