using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Broken;
using Connectors.Testing.Conduit;
using Xunit;

namespace Connectors.Testing.Tests;

/// <summary>
/// The Conduit rules: broken variants of the reference connectors (their own code, their Main or the description
/// their Main hands the runtime broken: tests/TestConnectors/Broken.Connectors/BrokenConduit.cs; run by the real
/// Conduit host) each fail exactly the rule they break, with a message that says what went wrong; the rules' helpers
/// judge what they must.
/// </summary>
public class ConduitRuleTests
{
    public static TheoryData<string, string, string> SourceCases => new()
    {
        { "conduit-stdout-line-at-exit", "Conduit_handshake_is_the_only_stdout_line_and_names_a_grpc_address", "plugin stopped" },
        { "conduit-exit-1-unconfigured", "Conduit_plugin_serves_health_and_exits_promptly_on_Shutdown", "after Shutdown the process exited with 1, not 0" },
        { "conduit-no-cookie-exits-0", "Conduit_plugin_refuses_to_start_without_the_cookie", "without the cookie the process exited with 0" },
        { "conduit-sigterm-hangs", "Conduit_SIGTERM_ends_the_plugin_promptly", "after SIGTERM (the kit killed it)" },
        { "conduit-plain-stderr-log", "Conduit_logs_are_JSON_lines_Conduit_reads", "not a JSON line: reading accounts" },
        { "conduit-secret-in-log", "Conduit_secrets_appear_in_no_log_or_error", "a secret (" },
        { "conduit-spec-wrong-default", "Conduit_Specify_describes_the_config_as_parameters", "count: default '7', but the property's is '100'" },
        { "conduit-binder-ignores-config", "Conduit_Configure_accepts_the_config_and_refuses_bad_ones_naming_the_key", "Configure accepted a config where" },
        { "conduit-delete-hook-fails", "Conduit_lifecycle_calls_are_answered_in_Conduits_call_order", "LifecycleOnDeleted (fresh process) failed" },
        { "conduit-stream-renamed", "Conduit_source_records_carry_positions_collections_and_payloads", "opencdc.collection 'accounts_v2' is none of the connector's streams" },
        { "conduit-exit-1-after-a-read", "Conduit_source_acks_in_order_are_accepted_and_Stop_and_Teardown_end_cleanly", "after Teardown and Shutdown the process exited with 1, not 0" },
        { "conduit-cursor-off-by-one", "Conduit_source_resumed_from_every_Nth_acknowledged_position_loses_nothing", "record(s) of the whole read never came" },
    };

    public static TheoryData<string, string, string> DestinationCases => new()
    {
        { "conduit-write-fails", "Conduit_destination_acknowledges_every_record_in_order", "the disk is full" },
    };

    /// <summary>
    /// Conduit rules no broken plugin fails yet, each with the reason. <see cref="BrokenConnectorTests.Every_rule_has_a_broken_connector_that_fails_it"/>
    /// accepts only these, and fails once one of them gets a case (so the list can only shrink).
    /// </summary>
    internal static readonly IReadOnlyDictionary<string, string> NotYetProven = new Dictionary<string, string>
    {
        ["Conduit_destination_acknowledges_a_bad_record_with_an_error"] =
            "the runtime acknowledges a payload that is no JSON with an error before any code of the connector sees it: only a fake plugin that misbehaves on the wire can break it",
    };

    [Theory]
    [MemberData(nameof(SourceCases))]
    public async Task Broken_Conduit_source_fails_exactly_its_rule(string breakage, string rule, string message) =>
        BrokenConnectorTests.AssertOnlyFailure(rule, await BrokenConnectorTests.RunAllRulesAsync(new BrokenSource("source:" + breakage)), messageContains: message);

    [Theory]
    [MemberData(nameof(DestinationCases))]
    public async Task Broken_Conduit_destination_fails_exactly_its_rule(string breakage, string rule, string message) =>
        BrokenConnectorTests.AssertOnlyFailure(rule, await BrokenConnectorTests.RunAllRulesAsync(new BrokenDestination("destination:" + breakage)), messageContains: message);

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
