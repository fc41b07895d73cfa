using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Connectors.Runtime;

/// <summary>
/// The streams of a configured connector: its static <c>[Stream]</c> streams, then those its <c>[DiscoverStreams]</c>
/// methods find, each as a <see cref="SourceStream{TConnector}"/> a host reads through the same visitor and sink (the
/// records of a discovered stream are <see cref="JsonRow"/>s).
/// </summary>
public static class StreamDiscovery
{
    /// <summary>
    /// Calls every discovery method of <paramref name="descriptor"/> on the configured <paramref name="connector"/> and
    /// returns all streams, static ones first, each family's in the order its method returned them.
    /// </summary>
    /// <exception cref="InvalidOperationException">A discovered stream is invalid, or has the name of another stream.</exception>
    public static async Task<IReadOnlyList<SourceStream<TConnector>>> DiscoverAsync<TConnector>(this ConnectorDescriptor<TConnector> descriptor,
        TConnector connector, ILogger? logger = null, CancellationToken cancellationToken = default) where TConnector : class
    {
        if (descriptor.DynamicStreams.Count == 0)
        {
            return descriptor.Streams;
        }
        var streams = new List<SourceStream<TConnector>>(descriptor.Streams);
        var names = new Dictionary<(string, string?), string>();
        foreach (var stream in descriptor.Streams)
        {
            names[(stream.Name, stream.Namespace)] = "a [Stream] method";
        }
        var request = new DiscoveryRequest(logger ?? NullLogger.Instance, cancellationToken);
        foreach (var family in descriptor.DynamicStreams)
        {
            foreach (var description in await family.Discover(connector, request).ConfigureAwait(false))
            {
                var origin = family.Name + "()";
                Validate(description, origin);
                var key = (description.Name, description.Namespace);
                if (names.TryGetValue(key, out var other))
                {
                    throw new InvalidOperationException(
                        $"{origin} discovered the stream '{Display(description)}', which {other} already declares; stream names must be unique.");
                }
                names[key] = origin;
                streams.Add(Create(description, family));
            }
        }
        return streams;
    }

    /// <summary>A discovered stream as a source stream of rows.</summary>
    public static SourceStream<TConnector> Create<TConnector>(StreamDescription description, DynamicStreamSource<TConnector> family)
        where TConnector : class => new SourceStream<TConnector, JsonRow>
    {
        Name = description.Name,
        Namespace = description.Namespace,
        JsonSchema = description.JsonSchema,
        PrimaryKey = description.PrimaryKey,
        SupportsIncremental = description.SupportsIncremental,
        Description = description,
        WriteRecord = JsonRow.Write,
        Dynamic = new DynamicRead<TConnector>(description, family.Read),
    };

    private static void Validate(StreamDescription description, string origin)
    {
        string? problem = string.IsNullOrEmpty(description.Name) ? "a stream without a name"
            : string.IsNullOrWhiteSpace(description.JsonSchema) || description.JsonSchema.TrimStart()[0] != '{' ? $"the stream '{Display(description)}' with a JSON schema that is not an object"
            : description.SourceDefinedCursor && description.DefaultCursor is null ? $"the stream '{Display(description)}' with SourceDefinedCursor but no DefaultCursor"
            : null;
        if (problem is not null)
        {
            throw new InvalidOperationException($"{origin} described {problem}.");
        }
    }

    private static string Display(StreamDescription description) =>
        description.Namespace is null ? description.Name : description.Namespace + "." + description.Name;
}

/// <summary>Adapters the generated code uses to call discovery methods of every supported shape.</summary>
public static class DiscoveryCalls
{
    /// <summary>A discovery method that returns its streams directly.</summary>
    public static ValueTask<IEnumerable<StreamDescription>> From(IEnumerable<StreamDescription> streams) => new(streams);

    /// <summary>A discovery method that returns a task of its streams.</summary>
    public static async ValueTask<IEnumerable<StreamDescription>> From<TStreams>(Task<TStreams> streams) where TStreams : IEnumerable<StreamDescription> =>
        await streams.ConfigureAwait(false);

    /// <summary>A discovery method that returns a value task of its streams.</summary>
    public static async ValueTask<IEnumerable<StreamDescription>> From<TStreams>(ValueTask<TStreams> streams) where TStreams : IEnumerable<StreamDescription> =>
        await streams.ConfigureAwait(false);

    /// <summary>A discovery method that yields its streams asynchronously.</summary>
    public static async ValueTask<IEnumerable<StreamDescription>> From(IAsyncEnumerable<StreamDescription> streams, CancellationToken cancellationToken)
    {
        var list = new List<StreamDescription>();
        await foreach (var stream in streams.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            list.Add(stream);
        }
        return list;
    }

    /// <summary>A read method that returns a task.</summary>
    public static ValueTask Read(Task read) => new(read);

    /// <summary>A read method that returns nothing (it finished when it returns).</summary>
    public static ValueTask Read() => default;
}
