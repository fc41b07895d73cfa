using System.Threading.Tasks;
using Connectors.Runtime;
using Connectors.Runtime.Hosting;

namespace Shell;

/// <summary>
/// The entry point, written by hand instead of generated, to run the connector with strict payloads
/// (<see cref="StrictPayloads"/>).
/// </summary>
internal static class Program
{
    public static Task<int> Main(string[] args) => ConnectorHost.RunAsync(StrictPayloads.Apply(Describe<ShellConnector>()), args);

    private static ConnectorDescriptor<T> Describe<T>() where T : class, IConnector<T> => T.Descriptor;
}
