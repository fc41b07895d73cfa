using System;
using System.IO;
using Connectors.Runtime.Secrets;
using Microsoft.Win32.SafeHandles;

namespace Connectors.Runtime.Hosting;

/// <summary>The process's standard streams, replaceable so hosts can be driven in-process by tests.</summary>
/// <param name="Stdout">Protocol messages only.</param>
/// <param name="Stderr">Human-readable text.</param>
/// <param name="Stdin">Input messages (destinations, command hosts).</param>
public sealed record HostIO(Stream Stdout, TextWriter Stderr, Stream Stdin)
{
    /// <summary>Reads an environment variable (null when unset); the process's environment unless a test gives another.</summary>
    public Func<string, string?> GetEnvironmentVariable { get; init; } = Environment.GetEnvironmentVariable;

    /// <summary>The masker the host adds secrets to; a host given none makes its own.</summary>
    public SecretMasker? Masker { get; init; }

    /// <summary>The masking writers installed as <c>Console.Out</c> and <c>Console.Error</c> (only by <see cref="FromConsole"/>).</summary>
    internal ConsoleCapture? Console { get; init; }

    /// <summary>
    /// The real console. <c>Console.Out</c> and <c>Console.Error</c> are replaced by writers that mask secrets and write to
    /// stderr, so stray writes can neither corrupt the protocol on stdout nor leak a secret.
    /// </summary>
    public static HostIO FromConsole()
    {
        var stdout = OpenStandardOutput();
        var stderr = System.Console.Error;
        var masker = new SecretMasker();
        var capture = ConsoleCapture.Install(stderr, masker);
        return new HostIO(stdout, stderr, System.Console.OpenStandardInput()) { Masker = masker, Console = capture };
    }

    /// <summary>
    /// Stdout as a stream that notices when its reader goes away. On Unix, the console's stream treats EPIPE as success, so
    /// a connector whose reader closed the pipe would run to its end writing into nothing; a FileStream over the pipe
    /// throws an IOException instead. Files (which cannot break) and Windows keep the console's stream.
    /// </summary>
    internal static Stream OpenStandardOutput()
    {
        if (OpenDescriptor1() is { } descriptor)
        {
            if (!descriptor.CanSeek)
            {
                return descriptor;
            }
            descriptor.Dispose();
        }
        return System.Console.OpenStandardOutput();
    }

    /// <summary>
    /// File descriptor 1 as an unbuffered FileStream (which throws an IOException on EPIPE); null on Windows or when there
    /// is no usable descriptor 1. Over a seekable descriptor it writes at the offset it read when it opened and leaves the
    /// descriptor's offset where it was until its <see cref="FileStream.SafeFileHandle"/> is read.
    /// </summary>
    internal static FileStream? OpenDescriptor1()
    {
        if (OperatingSystem.IsWindows())
        {
            return null;
        }
        try
        {
            return new FileStream(new SafeFileHandle((IntPtr)1, ownsHandle: false), FileAccess.Write, bufferSize: 0);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            // No usable handle 1: the console's stream copes with that.
            return null;
        }
    }
}
