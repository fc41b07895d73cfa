using System.Collections.Generic;

namespace Connectors.Execution;

/// <summary>What a shell command did, as pyinfra reports it: whether it succeeded, and its output lines.</summary>
/// <param name="Success">The last attempt finished in time with one of the success exit codes.</param>
/// <param name="ExitCode">The last attempt's exit code; null when it was killed (timeout) or ended by a signal.</param>
/// <param name="TimedOut">The last attempt ran past its timeout and was killed with every process it started.</param>
/// <param name="Attempts">How many times the command ran (1 + the retries used).</param>
/// <param name="Stdout">The last attempt's standard output, line by line (with a pty: everything the terminal showed).</param>
/// <param name="Stderr">The last attempt's standard error, line by line.</param>
/// <param name="Truncated">More lines came than <see cref="ShellCommand.MaxOutputLines"/>; the first ones are kept.</param>
public sealed record CommandOutcome(bool Success, int? ExitCode, bool TimedOut, int Attempts, IReadOnlyList<string> Stdout,
    IReadOnlyList<string> Stderr, bool Truncated);

/// <summary>Which output stream a line came from.</summary>
public enum OutputStreamKind
{
    /// <summary>Standard output.</summary>
    Stdout,

    /// <summary>Standard error.</summary>
    Stderr,
}

/// <summary>One line a command wrote, without its line break.</summary>
/// <param name="Stream">Standard output or standard error.</param>
/// <param name="Text">The line.</param>
/// <param name="Attempt">Which attempt wrote it (1 for the first).</param>
public readonly record struct OutputLine(OutputStreamKind Stream, string Text, int Attempt);
