using System;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace Connectors.Runtime;

/// <summary>
/// Everything a protocol host needs to know about a connector, built by generated code at build time: its identity,
/// the JSON Schema of its configuration, how to bind that configuration, how to check it and which streams it has.
/// </summary>
/// <typeparam name="TConnector">The author's connector class.</typeparam>
public sealed class ConnectorDescriptor<TConnector> where TConnector : class
{
    /// <summary>The connector's name, for example <c>source-faker</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The connector's version.</summary>
    public required string Version { get; init; }

    /// <summary>Where users find the connector's documentation.</summary>
    public string? DocumentationUrl { get; init; }

    /// <summary>Source or destination.</summary>
    public ConnectorKind Kind { get; init; }

    /// <summary>The draft-07 JSON Schema of the configuration, as JSON text.</summary>
    public required string ConfigSchema { get; init; }

    /// <summary>Creates a connector instance, before its configuration is bound.</summary>
    public required Func<TConnector> Create { get; init; }

    /// <summary>Binds a configuration document into a connector instance, reporting problems to the reader.</summary>
    public required Action<TConnector, ConfigReader> BindConfig { get; init; }

    /// <summary>
    /// True when a config key that names no property is a config error (<c>[Connector(StrictConfig = true)]</c>); otherwise
    /// it is ignored with a warning. The environment variable <c>CONNECTORS_STRICT_CONFIG</c> overrides it.
    /// </summary>
    public bool StrictConfig { get; init; }

    /// <summary>The author's check method, if the connector has one.</summary>
    public Func<TConnector, CheckRequest, ValueTask<CheckResult>>? Check { get; init; }

    /// <summary>The connector's streams, in declaration order.</summary>
    public IReadOnlyList<SourceStream<TConnector>> Streams { get; init; } = Array.Empty<SourceStream<TConnector>>();

    /// <summary>
    /// The families of streams known only at run time (<c>[DiscoverStreams]</c> methods); <see cref="StreamDiscovery.DiscoverAsync{TConnector}"/>
    /// gives the streams of a configured connector, these included.
    /// </summary>
    public IReadOnlyList<DynamicStreamSource<TConnector>> DynamicStreams { get; init; } = Array.Empty<DynamicStreamSource<TConnector>>();

    /// <summary>How a destination writes; null for a source.</summary>
    public DestinationHandlers<TConnector>? Destination { get; init; }

    /// <summary>The custom commands and lifecycle hooks; null when the connector declares none (then it has no command hosts).</summary>
    public ConnectorCommands<TConnector>? Commands { get; init; }
}
