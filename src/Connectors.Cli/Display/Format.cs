using System;
using System.Globalization;

namespace Connectors.Cli.Display;

/// <summary>Numbers as people read them (invariant culture, so output is the same everywhere).</summary>
internal static class Format
{
    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Rate(double perSecond) => perSecond.ToString("N0", CultureInfo.InvariantCulture);

    public static string Megabytes(long bytes) => (bytes / 1e6).ToString("N1", CultureInfo.InvariantCulture);

    public static string MegabytesPerSecond(double value) => value.ToString("N1", CultureInfo.InvariantCulture);

    public static string Elapsed(TimeSpan elapsed) => elapsed.TotalSeconds.ToString("N1", CultureInfo.InvariantCulture) + "s";

    public static string Phase(Connectors.Client.Progress.SyncPhase phase) => phase switch
    {
        Connectors.Client.Progress.SyncPhase.Writing => "writing",
        Connectors.Client.Progress.SyncPhase.Finalizing => "finalizing",
        _ => phase.ToString().ToLowerInvariant(),
    };
}
