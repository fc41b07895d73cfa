using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Connectors.Generators.Tests.Harness;
using Xunit;
using static Connectors.Generators.Tests.Execution.CommandResponses;

namespace Connectors.Generators.Tests.Execution;

/// <summary>
/// Generated command dispatch and payload binders, run: a connector compiled with the generator runs one-shot
/// <c>command</c>s in-process; the response shows what was bound, what the command returned and what was rejected.
/// </summary>
public sealed class CommandExecutionTests
{
    private const string Source = """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Connectors;

        namespace Sample;

        public enum Unit { Seconds, Minutes }

        public sealed record Window(DateTimeOffset From, DateTimeOffset To);

        public sealed record Plan(double Seconds, string Label, IReadOnlyList<int> Codes, string Span, bool Running);

        [Connector("sample-exec")]
        public partial class ExecConnector
        {
            [ConfigProperty(Secret = true)] public string ApiKey { get; set; } = "";

            [Check] public CheckResult Check() => CheckResult.Success();

            /// <summary>Plans a run.</summary>
            /// <param name="interval">How long to wait.</param>
            [Command("Sample.Plan")]
            public async Task<Plan> MakePlan(double interval, Window window, OperatingStatus status, Unit unit = Unit.Seconds,
                string label = "none", int[]? successCodes = null, CancellationToken cancellationToken = default)
            {
                await Task.Yield();
                var seconds = unit == Unit.Minutes ? interval * 60 : interval;
                return new Plan(seconds, label, successCodes ?? [0], (window.To - window.From).ToString(), status == OperatingStatus.Running);
            }

            [Command("Sample.Raw")]
            public string Raw() => "[1, 2]";
        }
        """;

    [Fact]
    public async Task A_command_binds_its_payload_by_snake_case_name_and_returns_its_result_as_the_body()
    {
        var body = AssertSuccess(await RunAsync("Sample.Plan", """
            {"interval": 2, "unit": "Minutes", "success_codes": [0, 3],
             "window": {"from": "2024-01-01T00:00:00Z", "to": "2024-01-01T01:30:00Z"}}
            """));

        Assert.Equal(120, body.GetProperty("seconds").GetDouble());
        Assert.Equal("none", body.GetProperty("label").GetString());
        Assert.Equal([0, 3], body.GetProperty("codes").EnumerateArray().Select(c => c.GetInt32()));
        Assert.Equal("01:30:00", body.GetProperty("span").GetString());
        Assert.False(body.GetProperty("running").GetBoolean());
    }

    [Fact]
    public async Task A_string_result_is_written_as_the_JSON_it_holds()
    {
        var body = AssertSuccess(await RunAsync("Sample.Raw", "{}"));

        Assert.Equal([1, 2], body.EnumerateArray().Select(c => c.GetInt32()));
    }

    [Theory]
    [InlineData("""{"window": {"from": "2024-01-01T00:00:00Z", "to": "2024-01-01T00:00:00Z"}}""", "$.interval", "required")]
    [InlineData("""{"interval": "soon", "window": {"from": "2024-01-01T00:00:00Z", "to": "2024-01-01T00:00:00Z"}}""", "$.interval", "number")]
    [InlineData("""{"interval": 1, "window": {"from": "yesterday", "to": "2024-01-01T00:00:00Z"}}""", "$.window.from", "date-time")]
    [InlineData("""{"interval": 1, "unit": "hours", "window": {"from": "2024-01-01T00:00:00Z", "to": "2024-01-01T00:00:00Z"}}""", "$.unit", "hours")]
    public async Task A_binding_error_fails_the_command_naming_the_field_and_the_problem(string payload, string field, string problem)
    {
        var response = await RunAsync("Sample.Plan", payload);

        Assert.Equal(1, response.ExitCode);
        var message = AssertFailure(response);
        Assert.Contains(field, message);
        Assert.Contains(problem, message);
    }

    [Fact]
    public async Task An_unknown_action_fails_naming_it()
    {
        var response = await RunAsync("Sample.Missing", "{}");

        Assert.Contains("Sample.Missing", AssertFailure(response));
    }

    [Fact]
    public async Task ListCustomCommands_describes_each_command_with_its_payload_schema()
    {
        var body = AssertSuccess(await RunAsync("TetraScience.Connector.ListCustomCommands", "{}"));

        var commands = body.GetProperty("commands").EnumerateArray().ToDictionary(c => c.GetProperty("action").GetString()!);
        Assert.Equal(["Sample.Plan", "Sample.Raw"], commands.Keys.Order());
        var plan = commands["Sample.Plan"];
        Assert.Equal("Plans a run.", plan.GetProperty("description").GetString());
        var schema = plan.GetProperty("payloadSchema");
        Assert.Equal(["interval", "window"], schema.GetProperty("required").EnumerateArray().Select(r => r.GetString()));
        var properties = schema.GetProperty("properties");
        Assert.Equal("How long to wait.", properties.GetProperty("interval").GetProperty("description").GetString());
        Assert.Equal(["Seconds", "Minutes"], properties.GetProperty("unit").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        Assert.False(properties.TryGetProperty("status", out _));
        Assert.False(properties.TryGetProperty("cancellation_token", out _));
    }

    private static async Task<HostResult> RunAsync(string action, string payload)
    {
        using var connector = LoadedConnector.Load(Source, "Sample.ExecConnector");
        using var files = new TempDirectory();
        return await connector.RunAsync("command", action, "--config", files.Write("config.json", """{"api_key": "k"}"""),
            "--payload", files.Write("payload.json", payload));
    }
}
