using System;

namespace Connectors.Execution;

/// <summary>How <see cref="IHostConnection.PutFileAsync"/> writes a file.</summary>
public sealed class PutFileOptions
{
    /// <summary>The file's mode in octal (<c>"644"</c>, <c>"0600"</c>, <c>"4755"</c>); the host's default for new files when null.</summary>
    public string? Mode { get; init; }

    /// <summary>The file's owner (a name or a number); needs root, or sudo.</summary>
    public string? Owner { get; init; }

    /// <summary>The file's group (a name or a number).</summary>
    public string? Group { get; init; }

    /// <summary>Write through sudo (as root or <see cref="SudoUser"/>): the content streams over the command channel into the temporary file.</summary>
    public bool Sudo { get; init; }

    /// <summary>The user sudo writes as; root when null.</summary>
    public string? SudoUser { get; init; }

    /// <summary>The password sudo asks for, if it asks (written to its standard input, never on a command line).</summary>
    public string? SudoPassword { get; init; }

    /// <summary>Options without secrets, for logs.</summary>
    public override string ToString() =>
        $"mode {Mode ?? "default"}, owner {Owner ?? "unchanged"}, group {Group ?? "unchanged"}, sudo {(Sudo ? SudoUser ?? "root" : "no")}";
}

/// <summary>How <see cref="IHostConnection.GetFileAsync"/> reads a file.</summary>
public sealed class GetFileOptions
{
    /// <summary>Read through sudo (as root or <see cref="SudoUser"/>): the content streams over the command channel.</summary>
    public bool Sudo { get; init; }

    /// <summary>The user sudo reads as; root when null.</summary>
    public string? SudoUser { get; init; }

    /// <summary>The password sudo asks for, if it asks.</summary>
    public string? SudoPassword { get; init; }

    /// <summary>Options without secrets, for logs.</summary>
    public override string ToString() => $"sudo {(Sudo ? SudoUser ?? "root" : "no")}";
}

/// <summary>A file written or read on a host.</summary>
/// <param name="Path">The file's path on the host, as given.</param>
/// <param name="Bytes">How many bytes were transferred.</param>
/// <param name="Sha256">The SHA-256 of the content, in lowercase hex, computed while it streamed.</param>
public sealed record FileTransferResult(string Path, long Bytes, string Sha256);

/// <summary>A file could not be written or read on a host; the message says which and why.</summary>
public sealed class FileTransferException : Exception
{
    /// <summary>Creates the exception.</summary>
    public FileTransferException(string message, Exception? innerException = null) : base(message, innerException)
    {
    }
}
