using System;
using System.Collections.Generic;
using Connectors.Execution.Internal;
using Xunit;

namespace Connectors.Execution.Tests;

/// <summary>How command lines are built: quoting, the inner script, elevation, and what never appears in them.</summary>
public sealed class CommandLinesTests
{
    [Theory]
    [InlineData("plain-word_1.txt", "plain-word_1.txt")]
    [InlineData("two words", "'two words'")]
    [InlineData("it's", "'it'\\''s'")]
    [InlineData("$HOME `x` \"q\"", "'$HOME `x` \"q\"'")]
    [InlineData("", "''")]
    public void Quotes_a_word_for_a_posix_shell(string word, string quoted) => Assert.Equal(quoted, UnixShell.Quote(word));

    [Fact]
    public void The_script_changes_folder_then_exports_then_runs()
    {
        var command = new ShellCommand("make && make install")
        {
            WorkingDirectory = "/srv/my app",
            Environment = new Dictionary<string, string> { ["B"] = "2", ["A"] = "x y" },
        };

        Assert.Equal("cd -- '/srv/my app' || exit 1\nexport A='x y' B=2\nmake && make install", CommandLines.Script(command));
    }

    [Theory]
    [InlineData("1A")]
    [InlineData("A-B")]
    [InlineData("")]
    public void An_invalid_variable_name_is_refused(string name)
    {
        var command = new ShellCommand("true") { Environment = new Dictionary<string, string> { [name] = "v" } };

        Assert.Throws<ArgumentException>(() => CommandLines.Script(command));
    }

    [Fact]
    public void Sudo_with_a_password_prompts_on_its_own_line_and_the_password_is_not_on_the_line()
    {
        var line = CommandLines.Wrap("id", "sh", pty: false, new Elevation(true, "www", "hunter2", null), "n0nce", noInput: true);

        Assert.StartsWith("sudo -H -S -k -p '@@connectors-sudo-n0nce@@\n' -u www -- setsid -w /bin/sh -c ", line);
        Assert.DoesNotContain("hunter2", line);
        Assert.EndsWith(" </dev/null'", line);
    }

    [Fact]
    public void Sudo_without_a_password_never_prompts()
    {
        var line = CommandLines.Wrap("id", "bash", pty: true, new Elevation(true, null, null, "app"), "n0nce", noInput: true);

        Assert.StartsWith("sudo -H -n -- su app -s /bin/sh -c 'env SHELL=/bin/sh script -qec ", line);
        Assert.DoesNotContain("</dev/null", line);
    }

    [Theory]
    [InlineData("644", 0x1A4)]
    [InlineData("0600", 0x180)]
    [InlineData("4755", 0x9ED)]
    public void Parses_octal_modes(string mode, int bits) => Assert.Equal(bits, UnixShell.ParseMode(mode));

    [Theory]
    [InlineData("64")]
    [InlineData("888")]
    [InlineData("rw-r--r--")]
    public void Refuses_modes_that_are_not_octal(string mode) => Assert.Throws<ArgumentException>(() => UnixShell.ParseMode(mode));

    [Theory]
    [InlineData("/etc/app.conf", "/etc/.app.conf.n.tmp")]
    [InlineData("app.conf", "./.app.conf.n.tmp")]
    [InlineData("/top", "/.top.n.tmp")]
    public void The_temporary_file_sits_beside_the_target(string path, string temporary) =>
        Assert.Equal(temporary, UnixShell.TemporarySibling(path, "n"));

    [Fact]
    public void Option_descriptions_hold_no_password()
    {
        Assert.DoesNotContain("hunter2", new PutFileOptions { Sudo = true, SudoPassword = "hunter2", Mode = "600" }.ToString());
        Assert.DoesNotContain("hunter2", new GetFileOptions { Sudo = true, SudoPassword = "hunter2" }.ToString());
        Assert.DoesNotContain("hunter2", new Ssh.SshSettings { Hostname = "h", User = "u", Password = "hunter2", PrivateKeyPassphrase = "hunter2" }.ToString());
    }
}
