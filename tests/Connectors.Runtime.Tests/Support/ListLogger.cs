using System;
using System.Collections.Generic;
using Microsoft.Extensions.Logging;

namespace Connectors.Runtime.Tests.Support;

/// <summary>A logger that keeps every entry (thread-safe), for tests that assert what a user would read in the log.</summary>
internal sealed class ListLogger : ILogger
{
    public List<(LogLevel Level, string Message, Exception? Exception)> Entries { get; } = new();

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (Entries)
        {
            Entries.Add((logLevel, formatter(state, exception), exception));
        }
    }
}
