using System;
using System.IO;
using Connectors.Runtime.Hosting;
using Xunit;

namespace Connectors.Runtime.Tests.Host;

/// <summary>
/// The process's stdout as hosts open it: descriptor 1 as a stream that reports a closed pipe (on Unix), which must never
/// close the descriptor, and the console's stream for a file. Nothing is written: this is the test process's stdout.
/// </summary>
public sealed class HostIOTests
{
    [Fact]
    public void On_Unix_descriptor_1_opens_as_a_writable_stream_whose_disposal_leaves_the_descriptor_open()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Null(HostIO.OpenDescriptor1());
            return;
        }
        var first = HostIO.OpenDescriptor1();
        Assert.NotNull(first);
        Assert.True(first.CanWrite);

        first.Dispose();

        if (OperatingSystem.IsLinux())
        {
            Assert.True(File.Exists("/proc/self/fd/1"), "descriptor 1 was closed");
        }
    }

    [Fact]
    public void Stdout_is_descriptor_1_over_a_pipe_and_the_consoles_stream_over_a_file()
    {
        using var descriptor = HostIO.OpenDescriptor1();
        using var stdout = HostIO.OpenStandardOutput();

        Assert.True(stdout.CanWrite);
        Assert.Equal(descriptor is { CanSeek: false }, stdout is FileStream);
    }
}
