using System.Threading;
using Microsoft.Extensions.Logging;

namespace Connectors.Runtime;

/// <summary>What the runtime hands to a destination's stream-start and stream-end hooks.</summary>
/// <param name="Stream">The stream.</param>
/// <param name="Logger">A logger whose entries become protocol LOG messages.</param>
/// <param name="CancellationToken">Cancelled when the process is asked to stop.</param>
public sealed record StreamHookRequest(DestinationStream Stream, ILogger Logger, CancellationToken CancellationToken);
