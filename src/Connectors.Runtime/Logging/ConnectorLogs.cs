using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace Connectors.Runtime.Logging;

/// <summary>
/// The connector's control over its logs: the level (as <c>SetLogLevel</c>, <c>--debug</c> or <c>LOG_LEVEL</c> set it),
/// shipping to a sink of its own, and flushing on demand.
/// </summary>
public sealed class ConnectorLogs
{
    private readonly LogLevelSwitch _level;
    private readonly LogShipper _shipper;

    internal ConnectorLogs(LogLevelSwitch level, LogShipper shipper)
    {
        _level = level;
        _shipper = shipper;
    }

    /// <summary>The minimum level written (and shipped); set it from connector code at any time.</summary>
    public LogLevel Level
    {
        get => _level.Minimum;
        set => _level.Minimum = value;
    }

    /// <summary>
    /// Ships logs to <paramref name="sink"/> as well (add it in <c>[OnInitializing]</c> to receive start-up's entries too).
    /// </summary>
    public void ShipTo(ILogShippingSink sink) => _shipper.AddSink(sink);

    /// <summary>Ships every buffered entry now; completes once they are shipped.</summary>
    public Task FlushAsync() => _shipper.FlushAsync();

    /// <summary>The shipper behind this (batch size, interval, dropped entries).</summary>
    public LogShipper Shipper => _shipper;
}
