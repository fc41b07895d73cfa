using System.Threading.Tasks;

namespace Connectors.Execution.Tests;

/// <summary>The command contract on this machine (<see cref="LocalHostConnection"/>).</summary>
public sealed class LocalCommandTests : CommandContractTests
{
    protected override async Task<IHostConnection> ConnectAsync()
    {
        var local = new LocalHostConnection();
        await local.ConnectAsync();
        return local;
    }
}
