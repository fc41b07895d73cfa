using System;
using Microsoft.Extensions.Logging;

namespace Connectors.Cli;

/// <summary>Writes the connectors' log lines (already masked by the client) to stderr, from a minimum level.</summary>
internal sealed class StderrLogger : ILogger
{
    private readonly LogLevel _minimum;
    private readonly object _gate = new();

    public StderrLogger(LogLevel minimum) => _minimum = minimum;

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= _minimum && logLevel != LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel))
        {
            return;
        }
        var level = logLevel switch
        {
            LogLevel.Critical => "FATAL",
            LogLevel.Error => "ERROR",
            LogLevel.Warning => "WARN",
            LogLevel.Debug or LogLevel.Trace => "DEBUG",
            _ => "INFO",
        };
        lock (_gate)
        {
            Console.Error.WriteLine($"{level} {formatter(state, exception)}");
        }
    }
}
