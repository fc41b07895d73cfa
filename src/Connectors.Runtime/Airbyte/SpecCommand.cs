using System.Threading.Tasks;
using Connectors.Runtime.Hosting;

namespace Connectors.Runtime.Airbyte;

/// <summary><c>spec</c>: exactly one SPEC message; needs no config.</summary>
internal static class SpecCommand
{
    public static Task<int> RunAsync<TConnector>(AirbyteSession<TConnector> session) where TConnector : class
    {
        var descriptor = session.Descriptor;
        session.Writer.WriteSpec(descriptor.DocumentationUrl, descriptor.ConfigSchema,
            descriptor.Destination is { } destination ? json => WriteSyncModes(json, destination.SyncModes) : null);
        return Task.FromResult(ExitCodes.Success);
    }

    private static void WriteSyncModes(System.Text.Json.Utf8JsonWriter json, DestinationSyncModes modes)
    {
        json.WriteStartArray("supported_destination_sync_modes");
        foreach (var name in WritePlan.Names(modes))
        {
            json.WriteStringValue(name);
        }
        json.WriteEndArray();
    }
}
