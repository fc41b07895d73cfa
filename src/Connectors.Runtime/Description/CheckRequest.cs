using System.Threading;
using Microsoft.Extensions.Logging;

namespace Connectors.Runtime;

/// <summary>What the runtime hands to a connector's check method.</summary>
/// <param name="Logger">A logger whose entries become protocol LOG messages.</param>
/// <param name="CancellationToken">Cancelled when the process is asked to stop.</param>
public sealed record CheckRequest(ILogger Logger, CancellationToken CancellationToken);
