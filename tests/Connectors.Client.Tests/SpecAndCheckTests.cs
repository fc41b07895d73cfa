using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Connectors.Client.Execution;
using Connectors.Client.Tests.Infrastructure;
using Connectors.Client.Validation;
using Xunit;

namespace Connectors.Client.Tests;

/// <summary>Every sample through the client: spec (cached), config validation with JSON paths, check.</summary>
public sealed class SpecAndCheckTests
{
    [Fact]
    public async Task The_spec_is_run_once_and_cached()
    {
        var executor = new CountingExecutor(new LocalExecutor(Built.Faker));
        var source = new Source(executor, Configs.Faker());
        var spec = await source.GetSpecAsync();
        var again = await source.GetSpecAsync();
        Assert.Same(spec, again);
        Assert.Equal(1, executor.Starts);
        Assert.True(spec.ConnectionSpecification.GetProperty("properties").TryGetProperty("count", out _));
        await source.GetSpecAsync(refresh: true);
        Assert.Equal(2, executor.Starts);
    }

    [Theory]
    [InlineData("faker", """{"count":10,"seed":1,"records_per_slice":5,"always_updated":false}""")]
    [InlineData("sqlite", """{"path":"/tmp/x.db"}""")]
    [InlineData("postgres", """{"host":"127.0.0.1","port":5432,"database":"d","username":"u","schema":"public"}""")]
    public async Task Good_configs_of_every_sample_are_valid(string sample, string config)
    {
        var connector = Sample(sample, config);
        Assert.Empty(await connector.GetConfigProblemsAsync());
        await connector.ValidateConfigAsync();
    }

    [Theory]
    [InlineData("faker", """{"count":0,"seed":"seven"}""", "$.count", "$.seed")]
    [InlineData("sqlite", """{"paht":"/tmp/x.db"}""", "$")]
    [InlineData("postgres", """{"host":"127.0.0.1","port":"5432","database":"d","username":"u"}""", "$.port")]
    public async Task Bad_configs_name_every_problem_with_its_json_path(string sample, string config, params string[] paths)
    {
        var connector = Sample(sample, config);
        var problems = await connector.GetConfigProblemsAsync();
        Assert.Equal(paths, problems.Select(p => p.Path).Distinct());
        var error = await Assert.ThrowsAsync<ConfigValidationException>(() => connector.ValidateConfigAsync());
        Assert.All(paths, path => Assert.Contains(path + ":", error.Message));
    }

    [Fact]
    public async Task A_read_with_an_invalid_config_fails_before_the_connector_reads()
    {
        var executor = new CountingExecutor(new LocalExecutor(Built.Faker));
        var source = new Source(executor, JsonNode.Parse("""{"count":-1}""")!.AsObject());
        var error = await Assert.ThrowsAsync<ConfigValidationException>(() => source.DiscoverAsync());
        Assert.Equal("$.count", Assert.Single(error.Problems).Path);
        Assert.Equal(1, executor.Starts); // spec only
    }

    [Fact]
    public async Task Check_succeeds_for_a_good_config_and_reports_failed_for_a_destination_it_cannot_write()
    {
        var faker = await Sample("faker", Configs.FakerJson()).CheckAsync();
        Assert.True(faker.Succeeded);
        Assert.Contains("users", faker.Message);

        var sqlite = await Sample("sqlite", """{"path":"/proc/no-such-dir/x.db"}""").CheckAsync();
        Assert.False(sqlite.Succeeded);
        Assert.Contains("/proc/no-such-dir/x.db", sqlite.Message);
    }

    [Fact]
    public async Task Discover_returns_the_streams_with_keys_cursors_and_schemas()
    {
        var source = (Source)Sample("faker", Configs.FakerJson());
        var catalog = await source.DiscoverAsync();
        Assert.Equal(["users", "products", "purchases"], catalog.Streams.Select(s => s.Name));
        var users = catalog["users"];
        Assert.Equal(["id"], users.PrimaryKey.Single());
        Assert.Equal(["updated_at"], users.DefaultCursorField);
        Assert.True(users.SupportsIncremental);
        source.SelectStreams("users", "nope");
        var error = await Assert.ThrowsAsync<ConnectorException>(() => source.GetSelectedStreamsAsync());
        Assert.Contains("'nope'", error.Message);
    }

    internal static Connector Sample(string sample, string config)
    {
        var json = JsonNode.Parse(config)!.AsObject();
        return sample switch
        {
            "faker" => new Source(new LocalExecutor(Built.Faker), json),
            "sqlite" => new Destination(new LocalExecutor(Built.SqliteDestination), json),
            _ => new Destination(new LocalExecutor(Built.PostgresDestination), json),
        };
    }

    /// <summary>Counts the processes started.</summary>
    internal sealed class CountingExecutor(IConnectorExecutor inner) : IConnectorExecutor
    {
        private int _starts;

        public int Starts => _starts;

        public string Name => inner.Name;

        public string Location => inner.Location;

        public Task PrepareAsync(CancellationToken cancellationToken) => inner.PrepareAsync(cancellationToken);

        public ProcessStartInfo CreateStartInfo(IReadOnlyList<string> arguments, string filesDirectory)
        {
            Interlocked.Increment(ref _starts);
            return inner.CreateStartInfo(arguments, filesDirectory);
        }
    }
}
