using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Connectors.Runtime.Commands;
using Connectors.Runtime.Tests.Support;
using Xunit;

namespace Connectors.Runtime.Tests.Commands;

/// <summary>
/// Each config is bound into a fresh instance of the connector (a candidate) before it is judged or applied: every
/// candidate is disposed once it has served, accepted or rejected, so a connector that opens a client or a connection
/// per instance does not leak one per UpdateConfig or ValidateConfig. The running instance is disposed only at shutdown.
/// </summary>
public sealed class ConnectorLifecycleDisposalTests
{
    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();

    [Fact]
    public async Task Every_candidate_is_disposed_and_the_running_instance_is_kept()
    {
        await using var host = new CommandServerHarness();
        var session = host.NewSession();
        Assert.Null(await session.InitializeAsync(OperatingStatus.Running));

        var accepted = await session.Router.RunAsync("1", TetraScienceActions.ValidateConfig, Json("""{"config":{"version":2}}"""));
        var rejected = await session.Router.RunAsync("2", TetraScienceActions.ValidateConfig, Json("""{"config":{"version":-13}}"""));
        var refused = await session.Router.RunAsync("3", TetraScienceActions.UpdateConfig, Json("""{"config":{"version":-13}}"""));
        var updated = await session.Router.RunAsync("4", TetraScienceActions.UpdateConfig, Json("""{"config":{"version":4}}"""));
        var started = await session.Router.RunAsync("5", TetraScienceActions.Start, CommandEnvelope.EmptyPayload);

        Assert.All(new[] { accepted, rejected, updated, started }, r => Assert.True(r.Succeeded, r.Message));
        Assert.False(refused.Succeeded);
        var created = host.Script.Created;
        Assert.Same(session.Lifecycle.Connector, created[0]);
        // The config file at startup, two validated, two proposed by UpdateConfig, the running config bound again by Start.
        Assert.Equal(7, created.Count);
        Assert.False(created[0].Disposed);
        Assert.All(created.Skip(1), c => Assert.True(c.Disposed));
        Assert.Equal(4, session.Lifecycle.Connector.Version);
    }
}
