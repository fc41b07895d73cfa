using System.Runtime.InteropServices;

namespace Connectors.Client.Execution;

/// <summary>The caller's user and group ids (libc), for containers that must read files only their owner may read.</summary>
internal static partial class UnixIds
{
    public static uint UserId => getuid();

    public static uint GroupId => getgid();

    [LibraryImport("libc")]
    private static partial uint getuid();

    [LibraryImport("libc")]
    private static partial uint getgid();
}
