using System.Threading;
using Microsoft.Extensions.Logging;

namespace Connectors.Runtime;

/// <summary>What the runtime hands to a destination's write method.</summary>
/// <param name="Stream">The stream the records belong to.</param>
/// <param name="Batch">The records, valid only during the call.</param>
/// <param name="Logger">A logger whose entries become protocol LOG messages.</param>
/// <param name="CancellationToken">Cancelled when the process is asked to stop.</param>
public sealed record WriteRequest(DestinationStream Stream, RecordBatch Batch, ILogger Logger, CancellationToken CancellationToken);
