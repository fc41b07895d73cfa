using System.Threading.Tasks;
using Connectors.Runtime.Hosting;

namespace Broken;

/// <summary>Runs the reference source, destination or command host, as is or broken (see <see cref="BrokenCase"/>).</summary>
public static class Program
{
    public static Task<int> Main(string[] args) => (BrokenCase.Kind, BrokenCase.InAuthorCode ? null : BrokenCase.Breakage) switch
    {
        ("destination", null) => ConnectorHost.RunAsync<ReferenceDestination>(args),
        ("destination", _) => BrokenHost.RunAsync<ReferenceDestination>(args),
        ("commands", null) => ConnectorHost.RunAsync<ReferenceCommandHost>(args),
        ("commands", _) => BrokenHost.RunAsync<ReferenceCommandHost>(args),
        ("source", _) when BrokenCase.InAuthorCode => BrokenConduit.RunSourceAsync(args),
        (_, null) => ConnectorHost.RunAsync<ReferenceSource>(args),
        _ => BrokenHost.RunAsync<ReferenceSource>(args),
    };
}
