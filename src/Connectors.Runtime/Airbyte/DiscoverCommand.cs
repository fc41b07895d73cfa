using System.Collections.Generic;
using System.Threading.Tasks;
using Connectors.Runtime.Hosting;

namespace Connectors.Runtime.Airbyte;

/// <summary><c>discover</c>: validates the config, then prints exactly one CATALOG.</summary>
internal static class DiscoverCommand
{
    public static async Task<int> RunAsync<TConnector>(AirbyteSession<TConnector> session) where TConnector : class
    {
        var connector = session.BindConfigOrThrow();
        IReadOnlyList<SourceStream<TConnector>> streams;
        try
        {
            // Streams known only at run time are found by the connector's [DiscoverStreams] methods, with its config.
            streams = await session.Descriptor.DiscoverAsync(connector, session.Logger, session.Context.Cancellation).ConfigureAwait(false);
        }
        finally
        {
            await Disposal.DisposeAsync(connector).ConfigureAwait(false);
        }
        var catalog = new CatalogStream[streams.Count];
        for (var i = 0; i < catalog.Length; i++)
        {
            catalog[i] = CatalogStream.From(streams[i]);
        }
        session.Writer.WriteCatalog(catalog);
        return ExitCodes.Success;
    }
}
