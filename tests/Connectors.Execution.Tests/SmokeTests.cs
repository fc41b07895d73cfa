using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Connectors.Execution.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Connectors.Execution.Tests;

[Collection(SshHostsCollection.Name)]
public sealed class SmokeTests(SshHostsFixture hosts, ITestOutputHelper log)
{
    [Fact]
    public async Task Smoke()
    {
        await using var ssh = await hosts.ConnectAsync(hosts.First);
        var lines = new List<string>();
        var outcome = await ssh.RunAsync(new ShellCommand("echo one; echo two >&2; id -un; exit 3"), l => lines.Add(l.Stream + ":" + l.Text));
        log.WriteLine(string.Join("\n", lines) + "\n" + outcome);
        var sudo = await ssh.RunAsync(new ShellCommand("id -un; cat") { Sudo = true, SudoPassword = hosts.Servers.Password, Stdin = "from stdin\n" });
        log.WriteLine(sudo + " " + string.Join("|", sudo.Stdout) + " / " + string.Join("|", sudo.Stderr));
        var pty = await ssh.RunAsync(new ShellCommand("tty; echo x >&2") { Pty = true });
        log.WriteLine(pty + " " + string.Join("|", pty.Stdout) + " / " + string.Join("|", pty.Stderr));
        var start = DateTime.UtcNow;
        var timeout = await ssh.RunAsync(new ShellCommand("echo started; sleep 601.5") { Timeout = TimeSpan.FromSeconds(1), Sudo = true, SudoPassword = hosts.Servers.Password });
        log.WriteLine(timeout + " " + string.Join("|", timeout.Stdout) + $" took {(DateTime.UtcNow - start).TotalSeconds}");
        var left = await ssh.RunAsync(new ShellCommand("pgrep -f 'sleep 601.5' || echo none"));
        log.WriteLine(string.Join("|", left.Stdout));
        var bg = DateTime.UtcNow;
        var background = await ssh.RunAsync(new ShellCommand("sleep 5 & echo detached"));
        log.WriteLine(background + " " + string.Join("|", background.Stdout) + $" took {(DateTime.UtcNow - bg).TotalSeconds}");
        var wrong = await ssh.RunAsync(new ShellCommand("id -un") { Sudo = true, SudoPassword = "wrong", Stdin = "x\n" });
        log.WriteLine(wrong + " " + string.Join("|", wrong.Stdout) + " / " + string.Join("|", wrong.Stderr));
        await using var local = new LocalHostConnection();
        await local.ConnectAsync();
        var loc = await local.RunAsync(new ShellCommand("echo local; sleep 600.25") { Timeout = TimeSpan.FromSeconds(0.5) });
        log.WriteLine(loc + " " + string.Join("|", loc.Stdout));
        var leftLocal = await local.RunAsync(new ShellCommand("pgrep -f 'sleep 600.25' || echo none"));
        log.WriteLine(string.Join("|", leftLocal.Stdout));
    }
}
