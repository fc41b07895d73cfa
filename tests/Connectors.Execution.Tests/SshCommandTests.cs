using System.Threading.Tasks;
using Connectors.Execution.Tests.Infrastructure;
using Xunit;

namespace Connectors.Execution.Tests;

/// <summary>The command contract over SSH, on a real sshd (<see cref="Ssh.SshHostConnection"/>).</summary>
[Collection(SshHostsCollection.Name)]
public sealed class SshCommandTests(SshHostsFixture hosts) : CommandContractTests
{
    protected override async Task<IHostConnection> ConnectAsync() => await hosts.ConnectAsync(hosts.First);
}
