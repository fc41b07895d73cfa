using System.Collections.Generic;
using System.IO;
using Connectors.Runtime.Platform;
using Connectors.Runtime.Secrets;
using Xunit;

namespace Connectors.Runtime.Tests.Platform;

public sealed class PlatformEnvironmentTests
{
    private static readonly Dictionary<string, string> Variables = new()
    {
        ["CONNECTOR_ID"] = "3eca48c9",
        ["ORG_SLUG"] = "tetrascience-yourorg",
        ["TDP_ENDPOINT"] = "https://api.example.test",
        ["CONNECTOR_TOKEN"] = "eyJhbGciOi-token-value",
        ["TDP_CERTIFICATE_KEY"] = "cert-key-secret-value",
        ["HEARTBEAT_INTERVAL_SECONDS"] = "0.5",
        ["METRICS_INTERVAL_SECONDS"] = "soon",
    };

    [Fact]
    public void The_seed_variables_are_read_and_secrets_go_to_the_masker_and_never_into_Describe()
    {
        var masker = new SecretMasker();
        var environment = PlatformEnvironment.From("instrument", n => Variables.GetValueOrDefault(n), masker);

        Assert.Equal("3eca48c9", environment.ConnectorId);
        Assert.Equal("tetrascience-yourorg", environment.OrgSlug);
        Assert.Equal("https://api.example.test", environment.Endpoint);
        Assert.Equal("eyJhbGciOi-token-value", environment.ConnectorToken);
        Assert.Equal(
            "CONNECTOR_ID=3eca48c9\nCONNECTOR_TOKEN=****\nHEARTBEAT_INTERVAL_SECONDS=0.5\nMETRICS_INTERVAL_SECONDS=soon\nORG_SLUG=tetrascience-yourorg\n"
            + "TDP_CERTIFICATE_KEY=****\nTDP_ENDPOINT=https://api.example.test", environment.Describe());
        Assert.Equal("**** and ****", masker.Apply("eyJhbGciOi-token-value and cert-key-secret-value"));
    }

    [Fact]
    public void Intervals_fall_back_to_their_defaults_when_unset_or_not_a_positive_number()
    {
        var environment = PlatformEnvironment.From("instrument", n => Variables.GetValueOrDefault(n));

        Assert.Equal(0.5, environment.HeartbeatInterval.TotalSeconds);
        Assert.Equal(60, environment.MetricsInterval.TotalSeconds);
        Assert.Equal(5, environment.LogFlushInterval.TotalSeconds);
        Assert.Equal(500, environment.LogBatchSize);
    }

    [Fact]
    public void The_data_directory_is_CONNECTOR_DATA_DIR_or_one_per_connector_and_id()
    {
        var set = PlatformEnvironment.From("instrument", n => n == "CONNECTOR_DATA_DIR" ? "relative/data" : null);
        var unset = PlatformEnvironment.From("instrument", n => n == "CONNECTOR_ID" ? "c-1" : null);

        Assert.Equal(Path.GetFullPath("relative/data"), set.DataDirectory);
        Assert.EndsWith(Path.Combine("connectors", "instrument", "c-1"), unset.DataDirectory);
    }

    [Theory]
    [InlineData(null, null, null, false)]
    [InlineData("https://api.example.test", null, null, false)]
    [InlineData("https://api.example.test", "c-1", null, true)]
    [InlineData("https://api.example.test", "c-1", "local", false)]
    [InlineData(null, null, "http", true)]
    public void The_HTTP_platform_is_used_when_an_endpoint_and_a_connector_id_are_set_unless_told_local(string? endpoint, string? id, string? platform,
        bool http)
    {
        var environment = PlatformEnvironment.From("x", n => n switch
        {
            "TDP_ENDPOINT" => endpoint,
            "CONNECTOR_ID" => id,
            "CONNECTOR_PLATFORM" => platform,
            _ => null,
        });

        Assert.Equal(http, environment.UsesHttpPlatform);
    }
}
