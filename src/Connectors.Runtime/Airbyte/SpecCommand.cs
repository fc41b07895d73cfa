using System.Threading.Tasks;
using Connectors.Runtime.Hosting;

namespace Connectors.Runtime.Airbyte;

/// <summary><c>spec</c>: exactly one SPEC message; needs no config.</summary>
internal static class SpecCommand
{
    public static Task<int> RunAsync<TConnector>(AirbyteSession<TConnector> session) where TConnector : class
    {
        var descriptor = session.Descriptor;
        session.Writer.WriteSpec(descriptor.DocumentationUrl, descriptor.ConfigSchema);
        return Task.FromResult(ExitCodes.Success);
    }
}
