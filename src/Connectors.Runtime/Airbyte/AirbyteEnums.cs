namespace Connectors.Runtime.Airbyte;

/// <summary>AirbyteLogMessage levels.</summary>
public enum LogLevelName
{
    /// <summary>TRACE</summary>
    Trace,
    /// <summary>DEBUG</summary>
    Debug,
    /// <summary>INFO</summary>
    Info,
    /// <summary>WARN</summary>
    Warn,
    /// <summary>ERROR</summary>
    Error,
    /// <summary>FATAL</summary>
    Fatal,
}

/// <summary>AirbyteErrorTraceMessage failure types.</summary>
public enum FailureType
{
    /// <summary>A connector bug or an unexpected failure.</summary>
    SystemError,
    /// <summary>Something the user must fix in the configuration, catalog or state.</summary>
    ConfigError,
    /// <summary>A temporary problem; a retry may succeed.</summary>
    TransientError,
}

/// <summary>AirbyteStreamStatusTraceMessage statuses.</summary>
public enum StreamStatus
{
    /// <summary>The stream started; no record yet.</summary>
    Started,
    /// <summary>The stream produced its first record.</summary>
    Running,
    /// <summary>The stream finished without error.</summary>
    Complete,
    /// <summary>The stream stopped because of an error or an interruption.</summary>
    Incomplete,
}

internal static class AirbyteEnumText
{
    public static string ToText(this LogLevelName level) => level switch
    {
        LogLevelName.Trace => "TRACE",
        LogLevelName.Debug => "DEBUG",
        LogLevelName.Info => "INFO",
        LogLevelName.Warn => "WARN",
        LogLevelName.Error => "ERROR",
        _ => "FATAL",
    };

    public static string ToText(this FailureType type) => type switch
    {
        FailureType.ConfigError => "config_error",
        FailureType.TransientError => "transient_error",
        _ => "system_error",
    };

    public static string ToText(this StreamStatus status) => status switch
    {
        StreamStatus.Started => "STARTED",
        StreamStatus.Running => "RUNNING",
        StreamStatus.Complete => "COMPLETE",
        _ => "INCOMPLETE",
    };
}
