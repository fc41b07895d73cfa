using System;
using Connectors.Runtime.Logging;
using Microsoft.Extensions.Logging;

namespace Connectors.Runtime.Airbyte;

/// <summary>Turns log entries into Airbyte LOG messages on stdout.</summary>
public sealed class AirbyteLogSink : ILogSink
{
    private readonly AirbyteWriter _writer;

    /// <summary>Creates the sink.</summary>
    public AirbyteLogSink(AirbyteWriter writer) => _writer = writer;

    /// <inheritdoc />
    public void Write(LogLevel level, string category, string message, Exception? exception)
    {
        try
        {
            _writer.WriteLog(Map(level), message, exception?.ToString());
        }
        catch (Protocol.OutputClosedException)
        {
            // Nobody is reading stdout any more; the host is already on its way out.
        }
    }

    /// <summary>Maps a Microsoft.Extensions.Logging level to an Airbyte log level.</summary>
    public static LogLevelName Map(LogLevel level) => level switch
    {
        LogLevel.Trace => LogLevelName.Trace,
        LogLevel.Debug => LogLevelName.Debug,
        LogLevel.Information => LogLevelName.Info,
        LogLevel.Warning => LogLevelName.Warn,
        LogLevel.Error => LogLevelName.Error,
        _ => LogLevelName.Fatal,
    };
}
