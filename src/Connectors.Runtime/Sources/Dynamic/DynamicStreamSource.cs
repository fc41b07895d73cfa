using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace Connectors.Runtime;

/// <summary>What a discovery method receives.</summary>
/// <param name="Logger">A logger whose entries become protocol log messages.</param>
/// <param name="CancellationToken">Cancelled when the process is asked to stop.</param>
public sealed record DiscoveryRequest(ILogger Logger, CancellationToken CancellationToken);

/// <summary>
/// A family of streams known only at run time: a <c>[DiscoverStreams]</c> method and the read method it names. Built by
/// generated code; <see cref="StreamDiscovery.DiscoverAsync{TConnector}"/> turns it into streams a host reads like any other.
/// </summary>
/// <typeparam name="TConnector">The author's connector class.</typeparam>
public sealed class DynamicStreamSource<TConnector> where TConnector : class
{
    /// <summary>The discovery method's name, for messages.</summary>
    public required string Name { get; init; }

    /// <summary>Calls the author's discovery method with the configured connector.</summary>
    public required Func<TConnector, DiscoveryRequest, ValueTask<IEnumerable<StreamDescription>>> Discover { get; init; }

    /// <summary>Calls the author's read method for one configured stream.</summary>
    public required Func<TConnector, DynamicStreamRequest, RowWriter, ValueTask> Read { get; init; }
}

/// <summary>One discovered stream and how to read it.</summary>
internal sealed class DynamicRead<TConnector>(StreamDescription description, Func<TConnector, DynamicStreamRequest, RowWriter, ValueTask> read)
    where TConnector : class
{
    public StreamDescription Description { get; } = description;

    public ValueTask ReadAsync(TConnector connector, DynamicStreamRequest request, RowWriter rows) => read(connector, request, rows);
}
