using System.Diagnostics;
using Connectors.Testing.Processes;
using Xunit;

namespace Connectors.Testing.Tests.Processes;

/// <summary>
/// A test run that ignores SIGINT (nohup, a background job of a shell script) must still start connectors that a stop
/// test can interrupt: the kit reads which signals this process ignores from /proc and restores them for the connector.
/// </summary>
public class InheritedSignalsTests
{
    // The lines around SigIgn in a real /proc/self/status of `nohup cmd &`: SIGHUP, SIGINT and SIGQUIT ignored.
    private const string NohupStatus = "SigPnd:\t0000000000000000\nShdPnd:\t0000000000000000\nSigBlk:\t0000000000000000\nSigIgn:\t0000000000000007\nSigCgt:\t0000000000000000\n";

    [Theory]
    [InlineData(1, true)]
    [InlineData(2, true)]
    [InlineData(3, true)]
    [InlineData(15, false)]
    public void Ignores_reads_the_signal_s_bit_of_SigIgn(int signal, bool ignored) =>
        Assert.Equal(ignored, InheritedSignals.Ignores(NohupStatus, signal));

    [Fact]
    public void Ignores_reads_high_signals_and_a_status_without_a_mask()
    {
        Assert.True(InheritedSignals.Ignores("SigIgn:\t0000000000004000\n", 15));
        Assert.False(InheritedSignals.Ignores("SigIgn:\t0000000000004000\n", 2));
        Assert.False(InheritedSignals.Ignores("Name:\tdotnet\n", 2));
    }

    [Fact]
    public void A_program_started_by_the_kit_does_not_inherit_an_ignored_SIGINT()
    {
        if (!System.OperatingSystem.IsLinux())
        {
            return;
        }
        var info = new ProcessStartInfo("/bin/cat") { ArgumentList = { "/proc/self/status" }, RedirectStandardOutput = true, UseShellExecute = false };
        InheritedSignals.Apply(info);
        using var process = Process.Start(info)!;
        var status = process.StandardOutput.ReadToEnd();
        process.WaitForExit();

        Assert.Contains("SigIgn:", status);
        Assert.False(InheritedSignals.Ignores(status, 2), "the program ignores SIGINT:\n" + status);
        Assert.False(InheritedSignals.Ignores(status, 15), "the program ignores SIGTERM:\n" + status);
    }
}
