using System.Linq;
using System.Threading.Tasks;
using Connectors.Runtime.Hosting;

namespace Connectors.Runtime.Airbyte;

/// <summary><c>discover</c>: validates the config, then prints exactly one CATALOG.</summary>
internal static class DiscoverCommand
{
    public static async Task<int> RunAsync<TConnector>(AirbyteSession<TConnector> session) where TConnector : class
    {
        var connector = session.BindConfigOrThrow();
        await Disposal.DisposeAsync(connector).ConfigureAwait(false);
        session.Writer.WriteCatalog(session.Descriptor.Streams.Select(CatalogStream.From).ToList());
        return ExitCodes.Success;
    }
}
