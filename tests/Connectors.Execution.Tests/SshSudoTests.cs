using System;
using System.Linq;
using System.Threading.Tasks;
using Connectors.Execution.Tests.Infrastructure;
using Connectors.TestHosts;
using Xunit;

namespace Connectors.Execution.Tests;

/// <summary>
/// Sudo and su on a real host: connectors-sudo may become root with its password and connectors-plain without one;
/// connectors-plain has no sudo rights. The password goes to sudo's standard input, never onto a command line.
/// </summary>
[Collection(SshHostsCollection.Name)]
public sealed class SshSudoTests(SshHostsFixture hosts)
{
    [Fact]
    public async Task Sudo_with_the_password_runs_as_root_and_the_command_still_gets_its_stdin()
    {
        await using var host = await hosts.ConnectAsync(hosts.First);

        var outcome = await host.RunAsync(new ShellCommand("id -un; cat") { Sudo = true, SudoPassword = hosts.Servers.Password, Stdin = "input\n" });

        Assert.True(outcome.Success, string.Join("\n", outcome.Stderr));
        Assert.Equal(["root", "input"], outcome.Stdout);
        Assert.DoesNotContain(outcome.Stderr, l => l.Contains("connectors-sudo-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sudo_without_a_password_runs_where_the_rules_allow_it()
    {
        await using var host = await hosts.ConnectAsync(hosts.First);

        var outcome = await host.RunAsync(new ShellCommand("id -un") { Sudo = true, SudoUser = SshServers.PlainUser });

        Assert.True(outcome.Success, string.Join("\n", outcome.Stderr));
        Assert.Equal([SshServers.PlainUser], outcome.Stdout);
    }

    [Fact]
    public async Task Sudo_without_a_password_where_one_is_needed_fails_at_once()
    {
        await using var host = await hosts.ConnectAsync(hosts.First);

        var outcome = await host.RunAsync(new ShellCommand("id -un") { Sudo = true, Timeout = TimeSpan.FromSeconds(20) });

        Assert.Equal((false, 1, false), (outcome.Success, outcome.ExitCode, outcome.TimedOut));
        Assert.Contains(outcome.Stderr, l => l.Contains("password is required", StringComparison.Ordinal));
        Assert.Empty(outcome.Stdout);
    }

    [Fact]
    public async Task A_wrong_sudo_password_fails_without_waiting_and_without_feeding_stdin_to_sudo()
    {
        await using var host = await hosts.ConnectAsync(hosts.First);

        var outcome = await host.RunAsync(new ShellCommand("id -un") { Sudo = true, SudoPassword = "not-the-password", Stdin = "also-not\n", Timeout = TimeSpan.FromSeconds(20) });

        Assert.Equal((false, 1, false), (outcome.Success, outcome.ExitCode, outcome.TimedOut));
        Assert.Contains(outcome.Stderr, l => l.Contains("incorrect password", StringComparison.Ordinal));
        Assert.Empty(outcome.Stdout);
    }

    [Fact]
    public async Task A_user_without_sudo_rights_is_refused()
    {
        await using var host = await hosts.ConnectAsync(hosts.First, SshServers.PlainUser);

        var outcome = await host.RunAsync(new ShellCommand("id -un") { Sudo = true, SudoPassword = hosts.Servers.Password, Timeout = TimeSpan.FromSeconds(20) });

        Assert.False(outcome.Success);
        Assert.Empty(outcome.Stdout);
        Assert.Contains(outcome.Stderr, l => l.Contains("not in the sudoers file", StringComparison.Ordinal) || l.Contains("not allowed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Su_inside_sudo_runs_as_the_su_user_with_the_environment()
    {
        await using var host = await hosts.ConnectAsync(hosts.First);

        var outcome = await host.RunAsync(new ShellCommand("id -un; echo $ROLE; pwd")
        {
            Sudo = true,
            SudoPassword = hosts.Servers.Password,
            SuUser = SshServers.PlainUser,
            Environment = new System.Collections.Generic.Dictionary<string, string> { ["ROLE"] = "worker" },
            WorkingDirectory = "/tmp",
        });

        Assert.True(outcome.Success, string.Join("\n", outcome.Stderr));
        Assert.Equal([SshServers.PlainUser, "worker", "/tmp"], outcome.Stdout);
    }

    [Fact]
    public async Task A_timed_out_root_command_is_killed_with_its_children()
    {
        await using var host = await hosts.ConnectAsync(hosts.First);
        var sleep = HostProcesses.UniqueSleep();

        var outcome = await host.RunAsync(new ShellCommand($"{sleep} & {sleep}") { Sudo = true, SudoPassword = hosts.Servers.Password, Timeout = TimeSpan.FromSeconds(1) });

        Assert.True(outcome.TimedOut);
        Assert.Empty(HostProcesses.GoneWithin(sleep, TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task The_sudo_password_is_on_no_command_line_while_the_command_runs()
    {
        await using var host = await hosts.ConnectAsync(hosts.First);
        var sleep = HostProcesses.UniqueSleep();

        var run = host.RunAsync(new ShellCommand($"echo started; {sleep}") { Sudo = true, SudoPassword = hosts.Servers.Password, Timeout = TimeSpan.FromSeconds(30) },
            _ => { });
        while (HostProcesses.Matching(sleep).Length == 0)
        {
            await Task.Delay(50);
        }
        var everyCommandLine = HostProcesses.Matching("");
        await host.RunAsync(new ShellCommand($"pkill -f '^{sleep}'") { Sudo = true, SudoPassword = hosts.Servers.Password });
        await run;

        Assert.DoesNotContain(everyCommandLine.Select(HostProcesses.CommandLine), c => c.Contains(hosts.Servers.Password, StringComparison.Ordinal));
    }

    [Fact]
    public void The_logged_form_of_a_command_names_the_elevation_and_never_the_password()
    {
        var command = new ShellCommand("systemctl restart nginx") { Sudo = true, SudoUser = "www", SudoPassword = "hunter2", WorkingDirectory = "/srv" };

        Assert.Equal("sudo -u www sh -c 'cd -- /srv || exit 1; systemctl restart nginx'", command.ToString());
    }
}
