using System;
using System.Collections.Generic;
using Connectors.Execution.Internal;

namespace Connectors.Execution;

/// <summary>
/// A shell command and how to run it: pyinfra's <c>run_shell_command</c> arguments. The command is a shell command line
/// (pipes, <c>&amp;&amp;</c>, redirects work), run by <see cref="Shell"/> with <c>-c</c>.
/// </summary>
public sealed class ShellCommand
{
    /// <summary>Creates a command.</summary>
    public ShellCommand(string command)
    {
        ArgumentException.ThrowIfNullOrEmpty(command);
        Command = command;
    }

    /// <summary>The command line.</summary>
    public string Command { get; }

    /// <summary>Run through <c>sudo</c> (as root, or as <see cref="SudoUser"/>).</summary>
    public bool Sudo { get; init; }

    /// <summary>The user sudo runs the command as; root when null.</summary>
    public string? SudoUser { get; init; }

    /// <summary>
    /// The password sudo asks for, if it asks. It is written to sudo's standard input when sudo prompts for it, never put
    /// on a command line. Without one, sudo runs non-interactively (<c>-n</c>) and fails if it needs a password.
    /// </summary>
    public string? SudoPassword { get; init; }

    /// <summary>Run as this user through <c>su</c> (inside sudo when <see cref="Sudo"/> is set; otherwise the connection must be root).</summary>
    public string? SuUser { get; init; }

    /// <summary>Environment variables exported for the command (names: letters, digits and <c>_</c>, not starting with a digit).</summary>
    public IReadOnlyDictionary<string, string>? Environment { get; init; }

    /// <summary>The folder the command runs in; the login folder when null.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>The shell that runs the command with <c>-c</c>.</summary>
    public string Shell { get; init; } = "sh";

    /// <summary>
    /// Run on a pseudo-terminal (through util-linux's <c>script</c> on the host): programs see a terminal, standard error
    /// is merged into standard output, and input written to the command is echoed.
    /// </summary>
    public bool Pty { get; init; }

    /// <summary>Text written to the command's standard input, which is then closed. When null, standard input is closed at once.</summary>
    public string? Stdin { get; init; }

    /// <summary>How long one attempt may run before it is killed, with every process it started; null for no limit.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>The exit codes that mean success.</summary>
    public IReadOnlyCollection<int> SuccessExitCodes { get; init; } = [0];

    /// <summary>How many times to run the command again after an unsuccessful attempt (a failing exit code or a timeout).</summary>
    public int Retries { get; init; }

    /// <summary>How long to wait between attempts.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The most lines of each output stream the outcome keeps (every line still reaches the output callback).</summary>
    public int MaxOutputLines { get; init; } = 10_000;

    /// <summary>The command as it runs, for logs: elevation, shell, folder and environment, never the sudo password.</summary>
    public override string ToString() => CommandLines.Describe(this);
}
