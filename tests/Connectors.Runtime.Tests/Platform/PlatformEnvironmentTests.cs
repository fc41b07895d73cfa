using System;
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

    [Theory]
    [InlineData("AWS_REGION")]
    [InlineData("ORG_SLUG")]
    [InlineData("HUB_ID")]
    [InlineData("CONNECTOR_ID")]
    [InlineData("DATALAKE_BUCKET")]
    [InlineData("STREAM_BUCKET")]
    [InlineData("JWT_TOKEN_PARAMETER")]
    [InlineData("TDP_ENDPOINT")]
    [InlineData("OUTBOUND_COMMAND_QUEUE")]
    [InlineData("KMS_KEY_ID")]
    [InlineData("ARTIFACT_TYPE")]
    [InlineData("LOCAL_CERTIFICATE_PEM_LOCATION")]
    [InlineData("CONNECTOR_DATA_DIR")]
    [InlineData("CONNECTOR_PLATFORM")]
    [InlineData("HEARTBEAT_INTERVAL_SECONDS")]
    [InlineData("METRICS_INTERVAL_SECONDS")]
    [InlineData("LOG_FLUSH_INTERVAL_SECONDS")]
    [InlineData("LOG_BATCH_SIZE")]
    [InlineData("CONNECTOR_LOG_FILE")]
    [InlineData("HTTP_PROXY")]
    [InlineData("HTTPS_PROXY")]
    [InlineData("NO_PROXY")]
    public void Each_documented_variable_is_read_and_listed_by_Describe(string name)
    {
        var environment = PlatformEnvironment.From("instrument", n => n == name ? "value-1" : null);

        Assert.Equal("value-1", environment[name]);
        Assert.Equal($"{name}=value-1", environment.Describe());
    }

    [Theory]
    [InlineData("CONNECTOR_TOKEN")]
    [InlineData("TDP_CERTIFICATE_KEY")]
    [InlineData("CONNECTOR_DATA_KEY")]
    public void Each_secret_variable_is_read_masked_in_Describe_and_given_to_the_masker(string name)
    {
        var masker = new SecretMasker();

        var environment = PlatformEnvironment.From("instrument", n => n == name ? "secret-value-1" : null, masker);

        Assert.Equal("secret-value-1", environment[name]);
        Assert.Equal($"{name}=****", environment.Describe());
        Assert.Equal($"{name}=****", environment.ToString());
        Assert.Equal("key ****", masker.Apply("key secret-value-1"));
    }

    [Fact]
    public void An_undocumented_or_empty_variable_is_not_read()
    {
        var environment = PlatformEnvironment.From("instrument", n => n switch
        {
            "ORG_SLUG" => "",
            "SOMETHING_ELSE" => "x",
            _ => null,
        });

        Assert.Null(environment.OrgSlug);
        Assert.Null(environment["SOMETHING_ELSE"]);
        Assert.Equal("", environment.Describe());
    }

    [Fact]
    public void The_properties_read_their_variables()
    {
        var environment = PlatformEnvironment.From("instrument", n => n + "-value");

        Assert.Equal("instrument", environment.ConnectorName);
        Assert.Equal("CONNECTOR_ID-value", environment.ConnectorId);
        Assert.Equal("ORG_SLUG-value", environment.OrgSlug);
        Assert.Equal("HUB_ID-value", environment.HubId);
        Assert.Equal("TDP_ENDPOINT-value", environment.Endpoint);
        Assert.Equal("CONNECTOR_TOKEN-value", environment.ConnectorToken);
    }

    [Theory]
    [InlineData("HTTP_PROXY")]
    [InlineData("HTTPS_PROXY")]
    [InlineData("NO_PROXY")]
    public void A_lower_case_proxy_variable_is_copied_to_upper_case_where_only_it_is_set(string name)
    {
        var copied = new List<string>();
        var lower = name.ToLowerInvariant();

        var environment = PlatformEnvironment.From("instrument", n => n == lower ? "http://proxy.test:3128" : null, null,
            (n, v) => copied.Add($"{n}={v}"));

        Assert.Equal("http://proxy.test:3128", environment[name]);
        Assert.Equal([$"{name}=http://proxy.test:3128"], copied);
        Assert.Equal($"{name}=http://proxy.test:3128", environment.Describe());
    }

    [Theory]
    [InlineData("http://upper.test", "http://upper.test")]
    [InlineData("", "http://lower.test")]
    [InlineData(null, "http://lower.test")]
    public void An_upper_case_proxy_variable_wins_unless_it_is_empty(string? upper, string expected)
    {
        var copied = new List<string>();

        var environment = PlatformEnvironment.From("instrument", n => n switch
        {
            "HTTPS_PROXY" => upper,
            "https_proxy" => "http://lower.test",
            _ => null,
        }, null, (n, v) => copied.Add($"{n}={v}"));

        Assert.Equal(expected, environment["HTTPS_PROXY"]);
        Assert.Equal(upper is { Length: > 0 } ? [] : ["HTTPS_PROXY=http://lower.test"], copied);
    }

    [Fact]
    public void Without_copying_a_lower_case_proxy_variable_is_not_read()
    {
        // no_proxy, not http_proxy: a mutant that copies anyway sets the test process's variable, and this one is harmless.
        var environment = PlatformEnvironment.From("instrument", n => n == "no_proxy" ? "localhost" : null);

        Assert.Null(environment["NO_PROXY"]);
    }

    [Fact]
    public void An_empty_lower_case_proxy_variable_is_not_copied()
    {
        var copied = new List<string>();

        var environment = PlatformEnvironment.From("instrument", n => n == "https_proxy" ? "" : null, null, (n, v) => copied.Add($"{n}={v}"));

        Assert.Null(environment["HTTPS_PROXY"]);
        Assert.Empty(copied);
    }

    [Theory]
    [InlineData("HEARTBEAT_INTERVAL_SECONDS", "2.5", 2.5)]
    [InlineData("HEARTBEAT_INTERVAL_SECONDS", "0", 30)]
    [InlineData("HEARTBEAT_INTERVAL_SECONDS", "-1", 30)]
    [InlineData("HEARTBEAT_INTERVAL_SECONDS", "Infinity", 30)]
    [InlineData("HEARTBEAT_INTERVAL_SECONDS", "NaN", 30)]
    [InlineData("METRICS_INTERVAL_SECONDS", "90", 90)]
    [InlineData("METRICS_INTERVAL_SECONDS", "-0.5", 60)]
    [InlineData("LOG_FLUSH_INTERVAL_SECONDS", "1e1", 10)]
    [InlineData("LOG_FLUSH_INTERVAL_SECONDS", "0", 5)]
    public void An_interval_is_its_variable_when_that_is_a_positive_finite_number_else_its_default(string name, string value, double seconds)
    {
        var environment = PlatformEnvironment.From("instrument", n => n == name ? value : null);

        var interval = name switch
        {
            "HEARTBEAT_INTERVAL_SECONDS" => environment.HeartbeatInterval,
            "METRICS_INTERVAL_SECONDS" => environment.MetricsInterval,
            _ => environment.LogFlushInterval,
        };
        Assert.Equal(TimeSpan.FromSeconds(seconds), interval);
    }

    [Theory]
    [InlineData("250", 250)]
    [InlineData("1", 1)]
    [InlineData("0", 500)]
    [InlineData("-5", 500)]
    [InlineData("2.5", 500)]
    [InlineData("many", 500)]
    public void The_log_batch_size_is_LOG_BATCH_SIZE_when_that_is_a_positive_whole_number_else_500(string value, int size)
    {
        var environment = PlatformEnvironment.From("instrument", n => n == "LOG_BATCH_SIZE" ? value : null);

        Assert.Equal(size, environment.LogBatchSize);
    }

    [Fact]
    public void Without_a_connector_id_the_data_directory_is_the_default_one_of_the_connector()
    {
        var environment = PlatformEnvironment.From("instrument", _ => null);

        Assert.EndsWith(Path.Combine("connectors", "instrument", "default"), environment.DataDirectory);
        Assert.True(Path.IsPathRooted(environment.DataDirectory));
    }

    [Fact]
    public void A_connector_id_with_slashes_is_one_folder_of_the_data_directory()
    {
        var environment = PlatformEnvironment.From("instrument", n => n == "CONNECTOR_ID" ? "pipeline/a\\b" : null);

        Assert.EndsWith(Path.Combine("connectors", "instrument", "pipeline_a_b"), environment.DataDirectory);
    }

    [Fact]
    public void Without_a_home_the_data_root_is_connector_data_beside_the_executable()
    {
        var home = Path.GetFullPath("home-of-test");

        Assert.Equal(home, PlatformEnvironment.DataRoot(home));
        Assert.Equal(Path.Combine(AppContext.BaseDirectory, "connector-data"), PlatformEnvironment.DataRoot(""));
        Assert.Equal(Path.Combine(AppContext.BaseDirectory, "connector-data"), PlatformEnvironment.DataRoot("relative"));
    }
}
