using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Broken;
using Connectors.Testing.Conduit;
using Xunit;

namespace Connectors.Testing.Tests;

/// <summary>
/// The Conduit rules: broken variants of the reference connectors (their own code broken, run by the real Conduit
/// host) each fail exactly the rule they break; the rules' helpers judge what they must.
/// </summary>
public class ConduitRuleTests
{
    public static TheoryData<string, string> SourceCases => new()
    {
        { "conduit-secret-in-log", "Conduit_secrets_appear_in_no_log_or_error" },
        { "conduit-cursor-off-by-one", "Conduit_source_resumed_from_every_Nth_acknowledged_position_loses_nothing" },
    };

    public static TheoryData<string, string> DestinationCases => new()
    {
        { "conduit-write-fails", "Conduit_destination_acknowledges_every_record_in_order" },
    };

    [Theory]
    [MemberData(nameof(SourceCases))]
    public async Task Broken_Conduit_source_fails_exactly_its_rule(string breakage, string rule) =>
        BrokenConnectorTests.AssertOnlyFailure(rule, await BrokenConnectorTests.RunAllRulesAsync(new BrokenSource("source:" + breakage)));

    [Theory]
    [MemberData(nameof(DestinationCases))]
    public async Task Broken_Conduit_destination_fails_exactly_its_rule(string breakage, string rule) =>
        BrokenConnectorTests.AssertOnlyFailure(rule, await BrokenConnectorTests.RunAllRulesAsync(new BrokenDestination("destination:" + breakage)));

    [Theory]
    [InlineData("""{"@level":"info","@message":"ok","@timestamp":"2026-01-02T15:04:05.000000Z"}""", null)]
    [InlineData("""{"@level":"debug","@message":"ok","@timestamp":"2026-01-02T15:04:05.123456+01:00","stream":"users"}""", null)]
    [InlineData("plain text", "not a JSON line")]
    [InlineData("""{"@level":"information","@message":"ok"}""", "no @level of trace, debug, info, warn or error")]
    [InlineData("""{"@level":"info"}""", "no text @message")]
    [InlineData("""{"@level":"info","@message":"ok","@timestamp":"2026-01-02 15:04:05"}""", "@timestamp not in Go's 2006-01-02T15:04:05.000000Z07:00 layout")]
    public void A_stderr_line_is_judged_as_Conduit_reads_it(string line, string? problem) =>
        Assert.Equal(problem, ConduitAcceptanceTests<ReferenceSource>.LogLineProblem(line));

    [Fact]
    public void A_JSON_config_becomes_Conduits_flat_map()
    {
        var map = ConduitConfigs.Flatten("""{"host": "h", "port": 5432, "ssl": true, "tags": ["a", "b"], "auth": {"user": "u", "token": null}}""");

        Assert.Equal(new Dictionary<string, string> { ["host"] = "h", ["port"] = "5432", ["ssl"] = "true", ["tags"] = "a,b", ["auth.user"] = "u" }, map);
    }

    [Fact]
    public void Bad_configs_name_the_key_at_fault_and_leave_secrets_alone()
    {
        var properties = ConduitConfigs.Properties("""
            {"type": "object", "required": ["api_key", "count", "auth"], "properties": {
              "api_key": {"type": "string", "x-secret": true},
              "pin": {"type": "integer", "x-secret": true},
              "count": {"type": "integer"},
              "auth": {"type": "object", "required": ["user"], "properties": {"user": {"type": "string"}}}}}
            """);
        var config = new Dictionary<string, string> { ["api_key"] = "k", ["pin"] = "1", ["count"] = "3", ["auth.user"] = "u" };

        var bad = ConduitConfigs.Bad(properties, config);

        Assert.Equal(["count", "api_key", "kit.no_such_parameter"], bad.Select(b => b.Key));
        Assert.Equal("not-a-number", bad[0].Config["count"]);
        Assert.False(bad[1].Config.ContainsKey("api_key"));
        Assert.True(properties.Single(p => p.Key == "auth.user").Required);
        Assert.True(properties.Single(p => p.Key == "api_key").Secret);
    }

#pragma warning disable xUnit1000 // Not test classes of their own: the theories above run their rules.
    private sealed class BrokenSource(string testCase) : ReferenceSourceConduitAcceptanceTests
    {
        protected override string Case => testCase;
    }

    private sealed class BrokenDestination(string testCase) : ReferenceDestinationConduitAcceptanceTests
    {
        protected override string Case => testCase;
    }
#pragma warning restore xUnit1000
}
