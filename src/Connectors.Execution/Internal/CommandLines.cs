using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using static Connectors.Execution.Internal.UnixShell;

namespace Connectors.Execution.Internal;

/// <summary>
/// Builds the command lines a host runs. Every command is wrapped so that it (1) runs in a process group of its own
/// (<c>setsid</c>, or <c>script</c>'s session for a pty), (2) announces that group's id on standard error once it has
/// started — after sudo has authenticated — so a timeout can kill the whole group on the host and standard input is
/// written only to the command, and (3) runs the user's command with a fresh <c>shell -c</c>, so its syntax errors,
/// <c>exit</c> and traps are its own. Sudo reads its password from standard input behind a prompt only the runner knows;
/// no password is ever part of a command line.
/// </summary>
internal static class CommandLines
{
    private const string MarkerPrefix = "@@connectors-exec-";
    private const string PromptPrefix = "@@connectors-sudo-";

    /// <summary>The line the wrapped command writes on standard error once it runs: the prefix, then its process group id.</summary>
    public static string Marker(string nonce) => MarkerPrefix + nonce + ":";

    /// <summary>The prompt sudo writes (on a line of its own) when it wants the password.</summary>
    public static string Prompt(string nonce) => PromptPrefix + nonce + "@@";

    /// <summary>The user's command with its folder and environment, as the inner shell runs it.</summary>
    public static string Script(ShellCommand command)
    {
        var script = new StringBuilder();
        if (command.WorkingDirectory is { Length: > 0 } folder)
        {
            script.Append("cd -- ").Append(Quote(folder)).Append(" || exit 1\n");
        }
        if (command.Environment is { Count: > 0 } environment)
        {
            foreach (var name in environment.Keys.Where(n => !IsVariableName(n)))
            {
                throw new ArgumentException($"'{name}' is not a valid environment variable name.");
            }
            script.Append("export");
            foreach (var (name, value) in environment.OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                script.Append(' ').Append(name).Append('=').Append(Quote(value));
            }
            script.Append('\n');
        }
        return script.Append(command.Command).ToString();
    }

    /// <summary>
    /// The full command line: elevation, process group, marker, then <c>shell -c script</c> — with standard input from
    /// /dev/null when there is none to give (SSH.NET sends no end-of-input on a channel nothing was written to).
    /// </summary>
    public static string Wrap(string script, string shell, bool pty, Elevation elevation, string nonce, bool noInput)
    {
        var runner = $"echo \"{Marker(nonce)}$$\" >&2; exec {Quote(shell)} -c {Quote(script)}" + (noInput && !pty ? " </dev/null" : "");
        // setsid -w forks when the caller already leads a process group (and then waits, so the exit code comes back);
        // script gives the command a new session on a pseudo-terminal and returns its exit code (-e).
        var group = pty
            ? $"env SHELL=/bin/sh script -qec {Quote(runner)} /dev/null"
            : $"setsid -w /bin/sh -c {Quote(runner)}";
        return Elevate(group, elevation, nonce);
    }

    /// <summary>A short script run with <paramref name="elevation"/> but without the marker (kills, file moves).</summary>
    public static string Elevate(string line, Elevation elevation, string nonce)
    {
        if (elevation.SuUser is { } suUser)
        {
            line = $"su {Quote(suUser)} -s /bin/sh -c {Quote(line)}";
        }
        if (!elevation.Sudo)
        {
            return line;
        }
        var sudo = new StringBuilder("sudo -H ");
        // -k: always ask (so the prompt is predictable); the prompt ends with a line break so it arrives as a whole line.
        sudo.Append(elevation.AnswersPrompt ? $"-S -k -p {Quote(Prompt(nonce) + "\n")} " : "-n ");
        if (elevation.SudoUser is { } user)
        {
            sudo.Append("-u ").Append(Quote(user)).Append(' ');
        }
        return sudo.Append("-- ").Append(line).ToString();
    }

    /// <summary>Ends a process group: TERM, up to a second to go (zombies count as there), then KILL.</summary>
    public static string Kill(int processGroup, Elevation elevation, string nonce)
    {
        // "kill -SIG -PGID", without "--": dash's kill takes no "--", and a negative number after the signal is a group.
        var group = "-" + processGroup.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var script = $"kill -TERM {group} 2>/dev/null; n=0; while [ $n -lt 10 ] && kill -0 {group} 2>/dev/null; do sleep 0.1; n=$((n+1)); done; kill -KILL {group} 2>/dev/null; exit 0";
        return Elevate($"/bin/sh -c {Quote(script)}", elevation.SudoOnly, nonce);
    }

    /// <summary>
    /// Writes standard input to <paramref name="path"/> through a temporary file beside it (private while written), gives
    /// it its owner, group and mode, and renames it into place — only when exactly <paramref name="length"/> bytes
    /// arrived, so an input that broke off never replaces the file.
    /// </summary>
    public static string PutScript(string path, string temporary, PutFileOptions options, long length)
    {
        var bytes = length.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var lines = new List<string>
        {
            "set -e",
            $"t={Quote(temporary)}",
            "trap 'rm -f \"$t\"' EXIT",
            "u=$(umask)",
            "umask 077",
            "cat > \"$t\"",
            "s=$(wc -c < \"$t\" | tr -d ' ')",
            $"[ \"$s\" = {bytes} ] || {{ echo \"received $s of {bytes} bytes\" >&2; exit 1; }}",
        };
        if (options.Owner is { } owner)
        {
            lines.Add($"chown {Quote(options.Group is { } g ? owner + ":" + g : owner)} \"$t\"");
        }
        else if (options.Group is { } group)
        {
            lines.Add($"chgrp {Quote(group)} \"$t\"");
        }
        // Without a mode, the file gets what the umask would have given a new file.
        lines.Add(options.Mode is { } mode
            ? $"chmod {FormatMode(ParseMode(mode))} \"$t\""
            : "chmod \"$(printf '%o' $((0666 & ~0$u)))\" \"$t\"");
        lines.Add($"mv -f \"$t\" {Quote(path)}");
        lines.Add("trap - EXIT");
        return string.Join("\n", lines);
    }

    /// <summary>Writes a file to standard output.</summary>
    public static string CatScript(string path) => $"cat -- {Quote(path)}";

    /// <summary>The command as a person reads it in a log: <c>sudo -u root sh -c 'cd /srv &amp;&amp; make'</c>, never a password.</summary>
    public static string Describe(ShellCommand command)
    {
        var text = new StringBuilder();
        if (command.Sudo)
        {
            text.Append("sudo ");
            if (command.SudoUser is { } user)
            {
                text.Append("-u ").Append(Quote(user)).Append(' ');
            }
        }
        if (command.SuUser is { } suUser)
        {
            text.Append("su ").Append(Quote(suUser)).Append(" -c ");
        }
        if (command.Pty)
        {
            text.Append("(pty) ");
        }
        return text.Append(Quote(command.Shell)).Append(" -c ").Append(Quote(Script(command).Replace("\n", "; ", StringComparison.Ordinal))).ToString();
    }
}
