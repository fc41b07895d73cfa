using System.Collections.Generic;
using Connectors.Execution;

namespace Shell;

/// <summary>A command run on the selected hosts.</summary>
/// <param name="Success">It succeeded on every selected host.</param>
/// <param name="Hosts">Each host's result, in inventory order.</param>
public sealed record RunResult(bool Success, IReadOnlyList<HostRun> Hosts);

/// <summary>What a command did on one host, as pyinfra reports it.</summary>
/// <param name="Host">The host.</param>
/// <param name="Success">It finished in time with a success exit code.</param>
/// <param name="ExitCode">The exit code; null when it was killed, or never ran.</param>
/// <param name="TimedOut">It ran past its timeout and was killed on the host, with every process it started.</param>
/// <param name="Attempts">How many times it ran (retries included).</param>
/// <param name="Stdout">Standard output, line by line (the last attempt's).</param>
/// <param name="Stderr">Standard error, line by line.</param>
/// <param name="Truncated">There were more lines than max_output_lines; the first ones are kept.</param>
/// <param name="Error">Why it did not run to its end on this host (not connected, connection lost…); null when it did.</param>
public sealed record HostRun(string Host, bool Success, int? ExitCode, bool TimedOut, int Attempts, IReadOnlyList<string> Stdout,
    IReadOnlyList<string> Stderr, bool Truncated, string? Error);

/// <summary>A file written to or read from the selected hosts.</summary>
/// <param name="Success">It was transferred on every selected host.</param>
/// <param name="Hosts">Each host's result.</param>
public sealed record FilesResult(bool Success, IReadOnlyList<HostFile> Hosts);

/// <summary>A file written to or read from one host.</summary>
/// <param name="Host">The host.</param>
/// <param name="Path">The file's path on the host.</param>
/// <param name="Bytes">Its size; null when the transfer failed.</param>
/// <param name="Sha256">The SHA-256 of its content, in hex.</param>
/// <param name="LocalPath">For GetFile with local_path: the local file written.</param>
/// <param name="Content">For GetFile without local_path: the content, as text or base64.</param>
/// <param name="Error">Why the transfer failed on this host; null when it succeeded.</param>
public sealed record HostFile(string Host, string Path, long? Bytes, string? Sha256, string? LocalPath, string? Content, string? Error);

/// <summary>The selected hosts' connections.</summary>
/// <param name="Success">Every selected host is connected.</param>
/// <param name="Hosts">Each host's status.</param>
public sealed record ConnectionsResult(bool Success, IReadOnlyList<HostConnectionStatus> Hosts);

/// <summary>One host's connection.</summary>
/// <param name="Host">The host.</param>
/// <param name="Groups">Its groups.</param>
/// <param name="Status">connected, failed or not_connected.</param>
/// <param name="Error">Why it failed.</param>
public sealed record HostConnectionStatus(string Host, IReadOnlyList<string> Groups, string Status, string? Error);

/// <summary>The facts of one host: a record of the <c>facts</c> stream.</summary>
/// <param name="Host">The host.</param>
/// <param name="Facts">What it is; null when they could not be gathered.</param>
/// <param name="Error">Why they could not be gathered (unreachable, not connected…).</param>
public sealed record FactsRecord(string Host, HostFacts? Facts, string? Error);

/// <summary>The facts gathered from the selected hosts.</summary>
/// <param name="Success">They were gathered from every selected host.</param>
/// <param name="Hosts">Each host's facts.</param>
public sealed record FactsResult(bool Success, IReadOnlyList<FactsRecord> Hosts);
