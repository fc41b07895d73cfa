using System.Threading.Tasks;
using Connectors.Runtime.Hosting;
using Connectors.Runtime.Protocol;

namespace Connectors.Runtime.Airbyte;

/// <summary><c>spec</c>: exactly one SPEC message; needs no config.</summary>
internal static class SpecCommand
{
    public static Task<int> RunAsync<TConnector>(AirbyteSession<TConnector> session) where TConnector : class
    {
        Write(session.Writer.Lines, session.Descriptor);
        return Task.FromResult(ExitCodes.Success);
    }

    /// <summary>The SPEC message of a description (also written by <see cref="SpecShortcut"/>, which has no session).</summary>
    public static void Write<TConnector>(JsonLineWriter lines, ConnectorDescriptor<TConnector> descriptor) where TConnector : class =>
        AirbyteWriter.WriteSpec(lines, descriptor.DocumentationUrl, descriptor.ConfigSchema,
            descriptor.Destination is { } destination ? json => WriteSyncModes(json, destination.SyncModes) : null);

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
