using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;

namespace Connectors.Testing.Processes;

/// <summary>
/// A process inherits the signals its parent ignores, and .NET keeps an inherited SIGINT ignored: a test run started
/// with <c>nohup</c>, or in the background by a non-interactive shell, would start connectors that never see the
/// SIGINT a stop test sends, and the test would wait for an exit that never comes. When this process ignores SIGINT or
/// SIGTERM, a connector is started through GNU <c>env --default-signal</c>, which puts both back to their defaults and
/// then runs the connector in its place (the same process id). Otherwise nothing changes.
/// </summary>
internal static class InheritedSignals
{
    private const string Env = "/usr/bin/env";
    private const string DefaultSignals = "--default-signal=INT,TERM";

    private static readonly Lazy<bool> Restore = new(ShouldRestore);

    /// <summary>Starts <paramref name="info"/>'s program through <c>env</c> when this process ignores SIGINT or SIGTERM.</summary>
    public static void Apply(ProcessStartInfo info)
    {
        if (!Restore.Value)
        {
            return;
        }
        info.ArgumentList.Insert(0, info.FileName);
        info.ArgumentList.Insert(0, DefaultSignals);
        info.FileName = Env;
    }

    /// <summary>True when the <c>SigIgn</c> mask of a <c>/proc/PID/status</c> text has <paramref name="signal"/>'s bit set.</summary>
    public static bool Ignores(string procStatus, int signal)
    {
        foreach (var line in procStatus.Split('\n'))
        {
            if (line.StartsWith("SigIgn:", StringComparison.Ordinal)
                && ulong.TryParse(line.AsSpan("SigIgn:".Length).Trim(), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var mask))
            {
                return (mask & (1UL << (signal - 1))) != 0;
            }
        }
        return false;
    }

    private static bool ShouldRestore()
    {
        if (!OperatingSystem.IsLinux() || !File.Exists(Env))
        {
            return false;
        }
        string status;
        try
        {
            status = File.ReadAllText("/proc/self/status");
        }
        catch (IOException)
        {
            return false;
        }
        return (Ignores(status, Signals.SIGINT) || Ignores(status, Signals.SIGTERM)) && EnvResetsSignals();
    }

    // --default-signal is GNU coreutils 8.31 and later; busybox's env has no such option.
    private static bool EnvResetsSignals()
    {
        try
        {
            using var probe = Process.Start(new ProcessStartInfo(Env) { ArgumentList = { DefaultSignals, "true" }, UseShellExecute = false, RedirectStandardError = true });
            if (probe is null)
            {
                return false;
            }
            probe.StandardError.ReadToEnd();
            return probe.WaitForExit(10_000) && probe.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
