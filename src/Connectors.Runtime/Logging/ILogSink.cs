using System;
using Microsoft.Extensions.Logging;

namespace Connectors.Runtime.Logging;

/// <summary>Where a host's log entries go (Airbyte LOG messages, structured JSON lines on stderr, …).</summary>
public interface ILogSink
{
    /// <summary>Writes one entry; the sink masks secrets.</summary>
    void Write(LogLevel level, string category, string message, Exception? exception);
}
