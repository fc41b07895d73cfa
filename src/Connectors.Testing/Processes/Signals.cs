using System;
using System.Runtime.InteropServices;

namespace Connectors.Testing.Processes;

/// <summary>POSIX signals, sent the way a platform or a shell sends them.</summary>
internal static partial class Signals
{
    public const int SIGINT = 2;
    public const int SIGKILL = 9;
    public const int SIGTERM = 15;

    /// <summary>Sends <paramref name="signal"/> to process <paramref name="pid"/>; false if it is gone already.</summary>
    public static bool Send(int pid, int signal)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("Signals need a POSIX system.");
        }
        return kill(pid, signal) == 0;
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int kill(int pid, int signal);
}
