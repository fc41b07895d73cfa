using System.Linq;
using System.Threading.Tasks;
using Connectors.Runtime.Tests.Support;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Connectors.Runtime.Tests.Commands;

/// <summary>At debug level the lifecycle's log traces each hook it calls by name, so an operator can follow what ran.</summary>
public sealed class ConnectorLifecycleHookTraceTests
{
    [Fact]
    public async Task A_config_refused_by_the_connector_updated_hook_traces_the_hook_called_again_on_the_previous_config()
    {
        var logger = new ListLogger();
        using var host = new CommandTestHost("""{"version": 2}""", onHook: (c, name) =>
        {
            if (name == "OnConnectorUpdated" && c.Version == 6)
            {
                throw new System.InvalidOperationException("v6 refused");
            }
        }, logger: logger);
        await host.Lifecycle.InitializeAsync(OperatingStatus.Idle);
        var before = logger.Entries.Count;

        var result = await host.Lifecycle.UpdateConfigAsync(ConnectorLifecycleTests.Payload("""{"config": {"version": 6}}"""));

        Assert.False(result.Succeeded);
        Assert.Equal(["OnConnectorUpdated IDLE v6", "OnConnectorUpdated IDLE v2"], host.Since(host.Journal.Count - 2));
        Assert.Equal(["Calling the [OnConnectorUpdated] hook.", "Calling the [OnConnectorUpdated] hook."],
            logger.Entries.Skip(before).Where(e => e.Level == LogLevel.Debug && e.Message.StartsWith("Calling the ")).Select(e => e.Message));
    }
}
