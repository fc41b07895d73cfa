using System;
using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Connectors.Runtime.Logging;

/// <summary>An <see cref="ILoggerProvider"/> whose loggers write to an <see cref="ILogSink"/>.</summary>
public sealed class SinkLoggerProvider : ILoggerProvider
{
    private readonly ILogSink _sink;
    private readonly LogLevelSwitch _level;
    private readonly ConcurrentDictionary<string, SinkLogger> _loggers = new();

    /// <summary>Creates the provider.</summary>
    public SinkLoggerProvider(ILogSink sink, LogLevelSwitch level)
    {
        _sink = sink;
        _level = level;
    }

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) =>
        _loggers.GetOrAdd(categoryName, static (name, self) => new SinkLogger(name, self._sink, self._level), this);

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private sealed class SinkLogger : ILogger
    {
        private readonly string _category;
        private readonly ILogSink _sink;
        private readonly LogLevelSwitch _level;

        public SinkLogger(string category, ILogSink sink, LogLevelSwitch level)
        {
            _category = category;
            _sink = sink;
            _level = level;
        }

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => _level.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }
            _sink.Write(logLevel, _category, formatter(state, exception), exception);
        }
    }
}
