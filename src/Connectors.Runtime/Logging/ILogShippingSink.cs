using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace Connectors.Runtime.Logging;

/// <summary>One log entry on its way to a shipping sink: when, how severe, which logger, and its JSON line (masked).</summary>
/// <param name="Timestamp">When it was logged.</param>
/// <param name="Level">Its level.</param>
/// <param name="Context">The logger's name.</param>
/// <param name="Json">The structured log line, <c>{"level","message","extra"}</c>, secrets masked.</param>
public sealed record LogEvent(DateTimeOffset Timestamp, LogLevel Level, string Context, string Json);

/// <summary>
/// Where shipped logs go (TetraScience ships to CloudWatch): a JSON-lines file, the platform's API, or your own.
/// <see cref="ShipAsync"/> gets batches in timestamp order, from one background task, never from the logging thread; a
/// batch that throws is kept and offered again with the next flush.
/// </summary>
public interface ILogShippingSink
{
    /// <summary>Ships one batch, oldest first.</summary>
    ValueTask ShipAsync(IReadOnlyList<LogEvent> batch, CancellationToken cancellationToken);
}
