using System.Threading;
using Microsoft.Extensions.Logging;

namespace Connectors.Runtime;

/// <summary>What the runtime hands to a destination's <c>[StreamIncomplete]</c> method.</summary>
/// <param name="Stream">The stream that did not complete.</param>
/// <param name="Reason">Why it did not complete.</param>
/// <param name="Logger">A logger whose entries become protocol LOG messages.</param>
/// <param name="CancellationToken">Cancelled when the process is asked to stop (already cancelled when that is the reason).</param>
public sealed record StreamIncompleteRequest(DestinationStream Stream, StreamIncompleteReason Reason, ILogger Logger, CancellationToken CancellationToken);
