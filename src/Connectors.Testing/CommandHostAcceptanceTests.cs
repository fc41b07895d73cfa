using System.Threading.Tasks;
using Connectors.Runtime;

namespace Connectors.Testing;

/// <summary>
/// The acceptance tests of a connector that is only a command host (<c>[Command]</c> methods and lifecycle hooks, no
/// stream to read and nothing to write): the spec, check and secrets rules and the command-host rules (serve, command,
/// the lifecycle actions, Shutdown, SIGTERM). A source or destination with commands gets the command-host rules from
/// <see cref="SourceAcceptanceTests{TConnector}"/> or <see cref="DestinationAcceptanceTests{TConnector}"/> already.
/// </summary>
/// <example>
/// <code>
/// public class BalanceAcceptanceTests : CommandHostAcceptanceTests&lt;BalanceConnector&gt;
/// {
///     protected override string Config => """{"port": "/dev/ttyUSB0"}""";
/// }
/// </code>
/// </example>
/// <typeparam name="TConnector">The connector class.</typeparam>
public abstract class CommandHostAcceptanceTests<TConnector> : ConnectorAcceptanceTests<TConnector>
    where TConnector : class, IConnector<TConnector>
{
    private protected override async Task RunEveryCommandAsync()
    {
        await CheckRunAsync();
        await BadCheckRunsAsync();
    }
}
