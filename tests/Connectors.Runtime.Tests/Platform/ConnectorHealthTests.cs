using System.Collections.Generic;
using Connectors.Runtime.Platform;
using Xunit;

namespace Connectors.Runtime.Tests.Platform;

public sealed class ConnectorHealthTests
{
    [Fact]
    public void Each_change_of_status_or_message_is_raised_once_and_a_repeat_is_not()
    {
        var health = new ConnectorHealth();
        var seen = new List<string>();
        health.Changed += r => seen.Add($"{HealthStatusNames.ToText(r.Status)} {r.Message}");

        health.Warning("the folder is gone");
        health.Warning("the folder is gone");
        health.Warning("the folder is still gone");
        health.Healthy();

        Assert.Equal(["WARNING the folder is gone", "WARNING the folder is still gone", "HEALTHY "], seen);
        Assert.Equal(HealthStatus.Healthy, health.Status);
    }

    [Fact]
    public void The_host_clears_only_a_failure_it_reported_itself()
    {
        var health = new ConnectorHealth();
        health.SetByHost(HealthStatus.Error, "start failed");
        health.ClearHostFailure();
        Assert.Equal(HealthStatus.Healthy, health.Status);

        health.SetByHost(HealthStatus.Error, "start failed");
        health.Warning("the connector's own warning");
        health.ClearHostFailure();
        Assert.Equal(HealthStatus.Warning, health.Status);
    }

    [Theory]
    [InlineData("healthy", HealthStatus.Healthy)]
    [InlineData("WARNING", HealthStatus.Warning)]
    [InlineData("Error", HealthStatus.Error)]
    [InlineData("critical", HealthStatus.Critical)]
    public void Status_names_round_trip(string text, HealthStatus status)
    {
        Assert.True(HealthStatusNames.TryParse(text, out var parsed));
        Assert.Equal(status, parsed);
        Assert.Equal(text.ToUpperInvariant(), HealthStatusNames.ToText(status));
    }
}
