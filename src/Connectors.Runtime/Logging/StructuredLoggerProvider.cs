using System.Collections.Generic;
using System.IO;
using Connectors.Runtime.Secrets;
using Microsoft.Extensions.Logging;

namespace Connectors.Runtime.Logging;

/// <summary>
/// Creates <see cref="StructuredLogger"/>s that write JSON lines to one output (stderr, for the command hosts) at the
/// level of a <see cref="LogLevelSwitch"/>, masking secrets. Usable in any <c>ILoggerFactory</c> too.
/// </summary>
public sealed class StructuredLoggerProvider : ILoggerProvider
{
    /// <summary>Creates the provider.</summary>
    /// <param name="output">Where lines go.</param>
    /// <param name="level">The minimum level; change it to change what is written.</param>
    /// <param name="masker">Masks secrets in every line; none when null.</param>
    public StructuredLoggerProvider(TextWriter output, LogLevelSwitch level, SecretMasker? masker = null)
    {
        Level = level;
        Writer = new StructuredLogWriter(output, masker ?? new SecretMasker());
    }

    internal LogLevelSwitch Level { get; }

    internal StructuredLogWriter Writer { get; }

    internal LogScopes Scopes { get; } = new();

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => CreateLogger(categoryName, null);

    /// <summary>Creates a logger named <paramref name="name"/> whose entries all carry <paramref name="extra"/>.</summary>
    public StructuredLogger CreateLogger(string name, IEnumerable<KeyValuePair<string, object?>>? extra) =>
        new(name, StructuredLogger.Merge([], extra), this);

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
