using System.Threading;
using Microsoft.Extensions.Logging;

namespace Connectors.Runtime;

/// <summary>What the runtime hands to a generated command runner.</summary>
/// <param name="Action">The command's action.</param>
/// <param name="Payload">A reader over the payload object; binding problems collect in it with their JSON paths.</param>
/// <param name="Status">The operating status.</param>
/// <param name="Context">The connector's context: records, polls, logger.</param>
/// <param name="Logger">A structured logger for this command.</param>
/// <param name="CancellationToken">Cancelled when the connector shuts down.</param>
public sealed record CommandRequest(string Action, ConfigReader Payload, OperatingStatus Status, ConnectorContext Context, ILogger Logger,
    CancellationToken CancellationToken);
