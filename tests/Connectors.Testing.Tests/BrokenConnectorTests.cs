using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace Connectors.Testing.Tests;

/// <summary>
/// Each broken variant of the reference connectors (tests/TestConnectors/Broken.Connectors/BrokenHost.cs,
/// BrokenCommands.cs and the reference classes) runs the whole battery of the kit's rules, and exactly the rule it breaks fails: no rule stays
/// green when its rule is broken, and no rule fails for another rule's breakage.
/// </summary>
public class BrokenConnectorTests
{
    public static TheoryData<string, string> SourceCases => new()
    {
        { "spec-not-draft07", "Spec_prints_one_SPEC_with_a_draft07_connection_specification" },
        { "spec-uses-anyOf", "Spec_keeps_to_Airbyte_schema_rules" },
        { "spec-secret-not-marked", "Spec_marks_every_secret_with_airbyte_secret" },
        { "spec-rejects-config", "Config_is_valid_against_the_spec" },
        { "check-always-fails", "Check_succeeds_with_the_config" },
        { "check-crashes-on-bad-config", "Check_with_a_bad_config_reports_FAILED_and_exits_0" },
        { "check-stack-trace-on-missing-config", "Check_with_a_missing_or_non_JSON_config_file_gives_a_clear_error" },
        { "discover-duplicate-stream", "Discover_prints_one_catalog_of_uniquely_named_streams" },
        { "discover-schema-uses-not", "Discover_stream_schemas_are_valid_and_keep_to_Airbyte_rules" },
        { "discover-key-not-in-schema", "Discover_primary_keys_and_cursors_exist_in_the_schemas" },
        { "read-prints-non-protocol-line", "Read_succeeds_and_prints_only_protocol_messages" },
        { "read-record-violates-schema", "Read_records_match_their_stream_schemas" },
        { "read-record-before-running", "Read_reports_stream_statuses_in_order" },
        { "read-wrong-record-count", "Read_checkpoints_every_stream_with_exact_counts" },
        { "full-refresh-random-values", "Full_refresh_twice_gives_the_same_records" },
        { "incremental-ignores-state", "Incremental_read_from_the_final_state_reads_nothing_new" },
        { "incremental-state-before-records", "Incremental_read_resumed_from_every_Nth_state_loses_nothing" },
        { "sigterm-exits-0", "Sigterm_mid_read_ends_with_INCOMPLETE_a_safe_state_and_exit_143" },
        { "closed-stdout-crashes", "Closed_stdout_ends_the_read_quietly" },
        { "garbage-state-ignored", "Read_with_a_garbage_config_catalog_or_state_file_gives_one_clear_error" },
        { "secret-leaked-to-stderr", "Secrets_appear_in_no_output_of_any_command" },
    };

    public static TheoryData<string, string> DestinationCases => new()
    {
        { "echo-before-commit", "Write_echoes_every_state_in_order_once_its_records_are_committed" },
        { "restart-truncates", "Write_killed_and_resumed_loses_nothing" },
        { "overwrite-truncates-first", "Write_input_ending_without_COMPLETE_keeps_the_previous_overwrite_data" },
        { "garbage-input-ignored", "Write_with_a_garbage_config_catalog_or_input_gives_one_clear_error" },
    };

    public static TheoryData<string, string> CommandHostCases => new()
    {
        { "serve-answers-twice", "Serve_answers_every_command_exactly_once_by_its_id" },
        { "serve-ignores-malformed-lines", "Serve_answers_malformed_lines_with_FAILURE_and_keeps_serving" },
        { "serve-end-of-input-exits-1", "Serve_ends_with_exit_0_at_the_end_of_input" },
        { "serve-prints-plain-text", "Command_host_prints_only_responses_messages_and_reports" },
        { "serve-plain-text-on-stderr", "Command_host_logs_only_JSON_lines_on_stderr" },
        { "list-commands-bad-schema", "ListCustomCommands_describes_every_command_with_a_payload_schema" },
        { "payload-unknown-field-dropped", "Custom_commands_refuse_a_payload_field_they_do_not_declare" },
        { "payload-nested-unknown-field-dropped", "Custom_commands_refuse_a_payload_field_they_do_not_declare" },
        { "stop-keeps-running", "Start_and_Stop_switch_the_operating_status" },
        { "validate-config-ignores-payload", "ValidateConfig_tells_a_good_config_from_a_bad_one" },
        { "update-config-ignores-payload", "UpdateConfig_refuses_a_bad_config_and_applies_a_good_one" },
        { "shutdown-runs-later-commands", "Shutdown_answers_last_refuses_later_commands_and_exits_0" },
        { "sigterm-exits-0", "Sigterm_while_serving_answers_every_command_and_exits_143" },
        { "one-shot-failure-exits-0", "Command_prints_one_response_and_exits_0_on_SUCCESS_1_on_FAILURE" },
    };

    [Theory]
    [MemberData(nameof(SourceCases))]
    public async Task Broken_source_fails_exactly_its_rule(string breakage, string rule) =>
        AssertOnlyFailure(rule, await RunAllRulesAsync(new BrokenSource("source:" + breakage)), SameFlawAlsoSeenBy(breakage));

    /// <summary>
    /// A breakage another rule may also see, depending on timing: a state ahead of its records is unsafe at whatever
    /// point SIGTERM lands, when it lands after that state.
    /// </summary>
    private static string[] SameFlawAlsoSeenBy(string breakage) => breakage == "incremental-state-before-records"
        ? ["Sigterm_mid_read_ends_with_INCOMPLETE_a_safe_state_and_exit_143"]
        : [];

    [Theory]
    [MemberData(nameof(DestinationCases))]
    public async Task Broken_destination_fails_exactly_its_rule(string breakage, string rule) =>
        AssertOnlyFailure(rule, await RunAllRulesAsync(new BrokenDestination("destination:" + breakage)));

    [Theory]
    [MemberData(nameof(CommandHostCases))]
    public async Task Broken_command_host_fails_exactly_its_rule(string breakage, string rule) =>
        AssertOnlyFailure(rule, await RunAllRulesAsync(new BrokenCommandHost("commands:" + breakage)));

    [Fact]
    public void Every_rule_has_a_broken_connector_that_fails_it()
    {
        var covered = SourceCases.Concat(DestinationCases).Concat(CommandHostCases)
            .Concat(ConduitRuleTests.SourceCases).Concat(ConduitRuleTests.DestinationCases)
            .Select(c => (string)c[1]).ToHashSet();
        var rules = new[] { typeof(BrokenSource), typeof(BrokenDestination), typeof(BrokenCommandHost),
                typeof(ReferenceSourceConduitAcceptanceTests), typeof(ReferenceDestinationConduitAcceptanceTests) }
            .SelectMany(Rules).Select(m => m.Name).Distinct().ToList();

        Assert.Contains("Conduit_handshake_is_the_only_stdout_line_and_names_a_grpc_address", rules);
        var uncovered = rules.Where(r => !covered.Contains(r) && !ConduitRuleTests.NotYetProven.ContainsKey(r)).ToList();
        Assert.True(uncovered.Count == 0, "rules no broken connector fails: " + string.Join(", ", uncovered));
        var proven = ConduitRuleTests.NotYetProven.Keys.Where(covered.Contains).ToList();
        Assert.True(proven.Count == 0, "rules with a broken connector still listed as not yet proven: " + string.Join(", ", proven));
    }

    /// <summary>Every rule method of a test class, called as the test runner calls it: outcome and message per rule.</summary>
    internal static async Task<IReadOnlyList<(string Rule, string Outcome, string Message)>> RunAllRulesAsync(object tests)
    {
        using var gate = new SemaphoreSlim(3);
        var outcomes = await Task.WhenAll(Rules(tests.GetType()).Select(async rule =>
        {
            await gate.WaitAsync();
            try
            {
                await (Task)rule.Invoke(tests, null)!;
                return (rule.Name, "passed", "");
            }
            catch (Exception ex)
            {
                var inner = ex is TargetInvocationException { InnerException: { } e } ? e : ex;
                return (rule.Name, inner is RuleNotApplicableException ? "skipped" : "failed", inner.Message);
            }
            finally
            {
                gate.Release();
            }
        }));
        return outcomes;
    }

    private static IEnumerable<MethodInfo> Rules(Type type) =>
        type.GetMethods(BindingFlags.Public | BindingFlags.Instance).Where(m => m.GetCustomAttribute<ConnectorRuleAttribute>() is not null);

    internal static void AssertOnlyFailure(string rule, IReadOnlyList<(string Rule, string Outcome, string Message)> outcomes,
        string[]? mayAlsoFail = null, string? messageContains = null)
    {
        var failed = outcomes.Where(o => o.Outcome == "failed").Select(o => o.Rule).ToList();
        var message = outcomes.FirstOrDefault(o => o.Rule == rule).Message ?? "";
        Assert.True(failed.Contains(rule) && failed.All(f => f == rule || (mayAlsoFail ?? []).Contains(f))
            && (messageContains is null || message.Contains(messageContains, StringComparison.Ordinal)),
            (messageContains is null ? "" : $"expected {rule}'s message to say '{messageContains}'\n")
            + $"expected exactly {rule} to fail; failed: [{string.Join(", ", failed)}]\n\n"
            + string.Join("\n\n", outcomes.Where(o => o.Outcome != "passed" || o.Rule == rule).Select(o => $"{o.Rule}: {o.Outcome}\n{o.Message}")));
    }

#pragma warning disable xUnit1000 // Not test classes of their own: the theories above run their rules.
    private sealed class BrokenSource(string testCase) : ReferenceSourceAcceptanceTests
    {
        protected override string Case => testCase;
    }

    private sealed class BrokenDestination(string testCase) : ReferenceDestinationAcceptanceTests
    {
        protected override string Case => testCase;
    }

    private sealed class BrokenCommandHost(string testCase) : ReferenceCommandHostAcceptanceTests
    {
        protected override string Case => testCase;
    }
#pragma warning restore xUnit1000
}
