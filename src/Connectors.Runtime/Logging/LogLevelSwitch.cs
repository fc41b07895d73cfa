using Microsoft.Extensions.Logging;

namespace Connectors.Runtime.Logging;

/// <summary>The minimum level a host logs at; it may change while the process runs.</summary>
public sealed class LogLevelSwitch
{
    private volatile int _minimum;

    /// <summary>Creates the switch.</summary>
    public LogLevelSwitch(LogLevel minimum) => Minimum = minimum;

    /// <summary>Entries below this level are dropped.</summary>
    public LogLevel Minimum
    {
        get => (LogLevel)_minimum;
        set => _minimum = (int)value;
    }

    /// <summary>True when an entry of <paramref name="level"/> is written.</summary>
    public bool IsEnabled(LogLevel level) => level != LogLevel.None && level >= Minimum;
}
