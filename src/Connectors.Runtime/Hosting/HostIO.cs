using System;
using System.IO;
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

    /// <summary>The real console. Console.Out is redirected to stderr so stray writes cannot corrupt the protocol.</summary>
    public static HostIO FromConsole()
    {
        var stdout = OpenStandardOutput();
        var stderr = Console.Error;
        Console.SetOut(stderr);
        return new HostIO(stdout, stderr, Console.OpenStandardInput());
    }

    /// <summary>
    /// Stdout as a stream that notices when its reader goes away. On Unix, the console's stream treats EPIPE as success, so
    /// a connector whose reader closed the pipe would run to its end writing into nothing; a FileStream over the pipe
    /// throws an IOException instead. Files (which cannot break) and Windows keep the console's stream.
    /// </summary>
    private static Stream OpenStandardOutput()
    {
        if (!OperatingSystem.IsWindows())
        {
            try
            {
                var pipe = new FileStream(new SafeFileHandle((IntPtr)1, ownsHandle: false), FileAccess.Write, bufferSize: 0);
                if (!pipe.CanSeek)
                {
                    return pipe;
                }
                pipe.Dispose();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
            {
                // No usable handle 1: the console's stream copes with that.
            }
        }
        return Console.OpenStandardOutput();
    }
}
