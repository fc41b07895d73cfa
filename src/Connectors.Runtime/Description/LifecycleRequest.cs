using System.Threading;
using Microsoft.Extensions.Logging;

namespace Connectors.Runtime;

/// <summary>What the runtime hands to a lifecycle hook.</summary>
/// <param name="Status">The operating status (already the new one in start and stop hooks).</param>
/// <param name="Context">The connector's context: records, polls, logger.</param>
/// <param name="Logger">A structured logger.</param>
/// <param name="CancellationToken">Cancelled when the connector shuts down.</param>
public sealed record LifecycleRequest(OperatingStatus Status, ConnectorContext Context, ILogger Logger, CancellationToken CancellationToken);
