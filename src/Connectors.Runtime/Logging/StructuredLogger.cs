using System;
using System.Collections.Generic;
using Microsoft.Extensions.Logging;

namespace Connectors.Runtime.Logging;

/// <summary>
/// A Microsoft.Extensions.Logging logger that writes structured JSON lines, as TetraScience's connector SDK does:
/// <c>{"level":"info","message":"…","extra":{"context":"&lt;logger name&gt;",…}}</c>. <c>extra</c> merges, later
/// winning, the logger's own fields, the fields of enclosing scopes (<see cref="ILogger.BeginScope{TState}"/> with
/// key/value pairs) and the entry's message template arguments. The level is the host's, changeable at run time.
/// </summary>
public sealed class StructuredLogger : ILogger
{
    private const string OriginalFormat = "{OriginalFormat}";

    private readonly StructuredLoggerProvider _provider;
    private readonly KeyValuePair<string, object?>[] _extra;

    internal StructuredLogger(string name, KeyValuePair<string, object?>[] extra, StructuredLoggerProvider provider)
    {
        Name = name;
        _extra = extra;
        _provider = provider;
    }

    /// <summary>The logger's name: the <c>context</c> of its entries.</summary>
    public string Name { get; }

    /// <summary>The fields every entry of this logger carries in <c>extra</c>.</summary>
    public IReadOnlyList<KeyValuePair<string, object?>> Extra => _extra;

    /// <summary>A child logger: the name gets the suffix <c>.{name}</c>, and <paramref name="extra"/> is merged over this logger's.</summary>
    public StructuredLogger Child(string name, IEnumerable<KeyValuePair<string, object?>>? extra = null) =>
        new(Name + "." + name, Merge(_extra, extra), _provider);

    /// <inheritdoc />
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => _provider.Scopes.Push(state);

    /// <inheritdoc />
    public bool IsEnabled(LogLevel logLevel) => _provider.Level.IsEnabled(logLevel);

    /// <inheritdoc />
    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel))
        {
            return;
        }
        var fields = new List<KeyValuePair<string, object?>>(_extra);
        foreach (var scoped in _provider.Scopes.Current())
        {
            Set(fields, scoped);
        }
        if (state is IEnumerable<KeyValuePair<string, object?>> arguments)
        {
            foreach (var argument in arguments)
            {
                if (argument.Key != OriginalFormat)
                {
                    Set(fields, argument);
                }
            }
        }
        _provider.Writer.Write(logLevel, Name, formatter(state, exception), fields, exception);
    }

    internal static KeyValuePair<string, object?>[] Merge(IEnumerable<KeyValuePair<string, object?>> first,
        IEnumerable<KeyValuePair<string, object?>>? second)
    {
        var fields = new List<KeyValuePair<string, object?>>(first);
        foreach (var field in second ?? [])
        {
            Set(fields, field);
        }
        return fields.ToArray();
    }

    // "context" is the logger's name and cannot be overridden; any other key keeps its first position and its last value.
    private static void Set(List<KeyValuePair<string, object?>> fields, KeyValuePair<string, object?> field)
    {
        if (field.Key == "context")
        {
            return;
        }
        var index = fields.FindIndex(f => f.Key == field.Key);
        if (index >= 0)
        {
            fields[index] = field;
        }
        else
        {
            fields.Add(field);
        }
    }
}
