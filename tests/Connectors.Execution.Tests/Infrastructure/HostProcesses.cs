using System;
using System.Diagnostics;
using System.Linq;

namespace Connectors.TestHosts;

/// <summary>What runs on the test hosts — which are this machine: the processes whose command line starts with a text.</summary>
public static class HostProcesses
{
    /// <summary>The ids of processes whose whole command line starts with <paramref name="commandLine"/> (for example <c>sleep 613.25</c>).</summary>
    public static int[] Matching(string commandLine)
    {
        var ids = new System.Collections.Generic.List<int>();
        foreach (var folder in System.IO.Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(System.IO.Path.GetFileName(folder), out var id))
            {
                continue;
            }
            try
            {
                var arguments = System.IO.File.ReadAllText(System.IO.Path.Combine(folder, "cmdline")).Replace('\0', ' ').TrimEnd();
                if (arguments.StartsWith(commandLine, StringComparison.Ordinal))
                {
                    ids.Add(id);
                }
            }
            catch (Exception ex) when (ex is System.IO.IOException or UnauthorizedAccessException)
            {
                // The process ended while we looked.
            }
        }
        return ids.ToArray();
    }

    /// <summary>A process's command line, arguments separated by spaces ("" once it is gone).</summary>
    public static string CommandLine(int id)
    {
        try
        {
            return System.IO.File.ReadAllText($"/proc/{id}/cmdline").Replace('\0', ' ').TrimEnd();
        }
        catch (Exception ex) when (ex is System.IO.IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }

    /// <summary>A sleep nobody else runs: <c>sleep 6xx.yyy</c>, so a test can look for it on the host.</summary>
    public static string UniqueSleep() =>
        "sleep " + (600 + Random.Shared.Next(100)).ToString(System.Globalization.CultureInfo.InvariantCulture) + "." + Random.Shared.Next(1000, 9999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Waits up to a few seconds for no process to match (killing takes a moment to be reaped).</summary>
    public static int[] GoneWithin(string commandLine, TimeSpan patience)
    {
        var deadline = Stopwatch.StartNew();
        int[] left;
        while ((left = Matching(commandLine)).Length > 0 && deadline.Elapsed < patience)
        {
            System.Threading.Thread.Sleep(50);
        }
        return left;
    }
}
