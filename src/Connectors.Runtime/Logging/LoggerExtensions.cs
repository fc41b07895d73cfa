using System.Collections.Generic;
using Microsoft.Extensions.Logging;

namespace Connectors.Runtime.Logging;

/// <summary>Child loggers on any <see cref="ILogger"/> the runtime hands out.</summary>
public static class LoggerExtensions
{
    /// <summary>
    /// A child of a <see cref="StructuredLogger"/> (name suffix <c>.{name}</c>, <paramref name="extra"/> merged into its
    /// fields). Other loggers, such as the Airbyte LOG logger whose messages have no fields, are returned as they are.
    /// </summary>
    public static ILogger Child(this ILogger logger, string name, IEnumerable<KeyValuePair<string, object?>>? extra = null) =>
        logger is StructuredLogger structured ? structured.Child(name, extra) : logger;
}
