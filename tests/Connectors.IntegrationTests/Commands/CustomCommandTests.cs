using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Connectors.IntegrationTests.Infrastructure;
using Xunit;
using static Connectors.IntegrationTests.Commands.LifecycleCommandTests;

namespace Connectors.IntegrationTests.Commands;

/// <summary>
/// Custom commands over <c>serve</c>: payloads bound into every supported parameter shape, each binding error named by
/// its JSON path, unknown actions, malformed envelopes, concurrency, results and records.
/// </summary>
public sealed class CustomCommandTests
{
    private static readonly object ValidEcho = new
    {
        text = "hello",
        count = 2,
        ratio = 0.5,
        flag = true,
        color = "deep-blue",
        at = "2024-01-02T03:04:05Z",
        day = "2024-01-02",
        link = "https://example.test/a",
        extra = new { nested = new[] { 1, 2 } },
        numbers = new[] { 1, 2, 3 },
        window = new { from = "2024-01-01T00:00:00Z", to = "2024-01-02T00:00:00Z" },
        filter = new { name = "f", tags = new[] { "x" } },
    };

    [Fact]
    public async Task A_payload_binds_into_every_kind_of_parameter_and_the_result_is_the_body()
    {
        using var connector = new LifecycleConnector();
        await using var process = await connector.ServeAsync();

        var response = await process.CommandAsync("1", "Lifecycle.Echo", ValidEcho);

        AssertSuccess(response);
        var expected = """
            {"text":"hello","count":2,"big_number":null,"ratio":0.5,"flag":true,"color":"deep-blue","at":"2024-01-02T03:04:05+00:00",
             "day":"2024-01-02","link":"https://example.test/a","extra":{"nested":[1,2]},"numbers":[1,2,3],"tags":null,
             "window":{"from":"2024-01-01T00:00:00+00:00","to":"2024-01-02T00:00:00+00:00","label":"window"},
             "filter":{"name":"f","limit":10,"tags":["x"],"color":null}}
            """;
        AssertJson(expected, response.GetProperty("body"));
    }

    [Fact]
    public async Task A_member_written_as_declared_in_C_sharp_is_unknown_and_the_error_names_the_schemas_name()
    {
        using var connector = new LifecycleConnector();
        await using var process = await connector.ServeAsync();

        var echo = JsonSerializer.Deserialize<System.Collections.Generic.Dictionary<string, object>>(JsonSerializer.Serialize(ValidEcho))!;
        echo["bigNumber"] = 12345678901L;
        echo["window"] = new { From = "2024-01-01T00:00:00Z", to = "2024-01-02T00:00:00Z" };
        var response = await process.CommandAsync("1", "Lifecycle.Echo", echo);

        AssertFailure(response, "The payload of 'Lifecycle.Echo' is invalid: $.window.From: unknown field (did you mean \"from\"?); "
            + "$.bigNumber: unknown field (did you mean \"big_number\"?). "
            + "Known fields of $.window: from, label, to. "
            + "Known fields: at, big_number, color, count, day, extra, filter, flag, link, numbers, ratio, tags, text, window.");
    }

    [Theory]
    [InlineData("""{"count": 1}""", "$.text: required")]
    [InlineData("""{"count": "two"}""", "$.count: expected an integer, got \"two\"")]
    [InlineData("""{"count": 2.5}""", "$.count: expected an integer, got 2.5")]
    [InlineData("""{"count": 3000000000}""", "$.count: 3000000000 is out of range for a 32-bit number")]
    [InlineData("""{"flag": "yes"}""", "$.flag: expected a boolean, got \"yes\"")]
    [InlineData("""{"color": "purple"}""", "$.color: expected one of \"Red\", \"Green\", \"deep-blue\", got \"purple\"")]
    [InlineData("""{"at": "yesterday"}""", "$.at: expected an ISO 8601 date-time string, got \"yesterday\"")]
    [InlineData("""{"day": "2024-13-01"}""", "$.day: expected a yyyy-MM-dd date string, got \"2024-13-01\"")]
    [InlineData("""{"link": "not a uri"}""", "$.link: expected an absolute URI, got \"not a uri\"")]
    [InlineData("""{"numbers": [1, "b"]}""", "$.numbers[1]: expected an integer, got \"b\"")]
    [InlineData("""{"numbers": {}}""", "$.numbers: expected an array, got an object")]
    [InlineData("""{"window": {"from": "2024-01-01T00:00:00Z"}}""", "$.window.to: required")]
    [InlineData("""{"window": []}""", "$.window: expected an object, got an array")]
    [InlineData("""{"filter": {"limit": 3}}""", "$.filter.name: required")]
    [InlineData("""{"filter": {"name": "f", "color": "Blue"}}""", "$.filter.color: expected one of \"Red\", \"Green\", \"deep-blue\", got \"Blue\"")]
    public async Task A_binding_error_fails_the_command_naming_the_field_and_the_problem(string payload, string problem)
    {
        using var connector = new LifecycleConnector();
        await using var process = await connector.ServeAsync();

        process.Send($$"""{"id": "1", "action": "Lifecycle.Echo", "payload": {{payload}}}""");
        var response = await process.ResponseAsync("1");

        Assert.Equal("FAILURE", response.GetProperty("status").GetString());
        var message = response.GetProperty("body").GetProperty("message").GetString()!;
        Assert.StartsWith("The payload of 'Lifecycle.Echo' is invalid: ", message);
        Assert.Contains(problem, message.Split("; ").Select(p => p.Replace("The payload of 'Lifecycle.Echo' is invalid: ", "")));
        AssertSuccess(await process.CommandAsync("2", "Lifecycle.Echo", ValidEcho));
    }

    [Fact]
    public async Task Every_binding_problem_is_reported_at_once()
    {
        using var connector = new LifecycleConnector();
        await using var process = await connector.ServeAsync();

        var response = await process.CommandAsync("1", "Lifecycle.Sleep", new { });
        var echo = await process.CommandAsync("2", "Lifecycle.Echo", new { text = 5, count = "x" });

        AssertFailure(response, "The payload of 'Lifecycle.Sleep' is invalid: $.seconds: required");
        var problems = echo.GetProperty("body").GetProperty("message").GetString()!.Split("; ");
        Assert.Equal(9, problems.Length);
    }

    [Fact]
    public async Task A_payload_that_is_not_an_object_is_a_failure()
    {
        using var connector = new LifecycleConnector();
        await using var process = await connector.ServeAsync();

        process.Send("""{"id": "1", "action": "Lifecycle.Sleep", "payload": [1]}""");

        AssertFailure(await process.ResponseAsync("1"), "The command is invalid: $.payload: expected an object, got an array");
    }

    [Fact]
    public async Task An_unknown_action_fails_listing_the_actions_and_the_connector_keeps_serving()
    {
        using var connector = new LifecycleConnector();
        await using var process = await connector.ServeAsync();

        var response = await process.CommandAsync("1", "Lifecycle.Nope");

        Assert.Equal("FAILURE", response.GetProperty("status").GetString());
        var message = response.GetProperty("body").GetProperty("message").GetString()!;
        Assert.StartsWith("Unknown action 'Lifecycle.Nope'. This connector answers: TetraScience.Connector.Start, ", message);
        Assert.Contains("Lifecycle.Echo", message);
        AssertSuccess(await process.CommandAsync("2", "TetraScience.Connector.ListCustomCommands"));
    }

    [Theory]
    [InlineData("""{"id": "m1", "action": "Lifecycle.Raw" """, "m1", "The command is not valid JSON: ")]
    [InlineData("""not json at all""", null, "The command is not valid JSON: ")]
    [InlineData("""[1, 2]""", null, "The command is invalid: $: expected an object, got an array")]
    [InlineData("""{"id": 7, "action": "Lifecycle.Raw"}""", null, "The command is invalid: $.id: expected a string, got 7")]
    [InlineData("""{"id": "m2"}""", "m2", "The command is invalid: $.action: required")]
    [InlineData("""{"id": "m3", "action": ""}""", "m3", "The command is invalid: $.action: must not be empty")]
    public async Task A_malformed_envelope_gets_a_failure_with_its_id_when_readable_and_serving_goes_on(string line, string? id, string message)
    {
        using var connector = new LifecycleConnector();
        await using var process = await connector.ServeAsync();

        process.Send(line);
        var response = await process.ResponseAsync(id);

        Assert.Equal("FAILURE", response.GetProperty("status").GetString());
        var text = response.GetProperty("body").GetProperty("message").GetString()!;
        if (message.EndsWith("JSON: ", System.StringComparison.Ordinal))
        {
            // The parser's own words follow, then where it stopped.
            Assert.StartsWith(message, text);
            Assert.Matches(@"\(line 1, byte \d+\)$", text);
        }
        else
        {
            Assert.Equal(message, text);
        }
        AssertSuccess(await process.CommandAsync("next", "TetraScience.Connector.ListCustomCommands"));
    }

    [Fact]
    public async Task Custom_commands_run_concurrently()
    {
        using var connector = new LifecycleConnector();
        await using var process = await connector.ServeAsync();

        process.Send("slow", "Lifecycle.Sleep", new { seconds = 30 });
        var quick = await process.CommandAsync("quick", "Lifecycle.Raw", new { json = "1" });

        AssertSuccess(quick);
        Assert.DoesNotContain(process.Responses, r => r.GetProperty("commandId").GetString() == "slow");
    }

    [Fact]
    public async Task Shutdown_waits_the_grace_period_then_cancels_running_commands_which_still_answer()
    {
        using var connector = new LifecycleConnector();
        await using var process = await connector.ServeAsync();
        process.Send("slow", "Lifecycle.Sleep", new { seconds = 600 });
        await process.UntilAsync(() => connector.Journal().Contains("sleep started"), "the sleep to start");

        var shutdown = await process.CommandAsync("stop", "TetraScience.Connector.Shutdown");
        await process.WaitForExitAsync();

        AssertSuccess(shutdown);
        AssertFailure(await process.ResponseAsync("slow"),
            "'Lifecycle.Sleep' was cancelled: the connector is shutting down (Shutdown came while it ran, and it did not finish within the grace period of 3 s).");
        Assert.Equal(0, process.ExitCode);
        Assert.Contains("sleep cancelled", connector.Journal());
    }

    [Fact]
    public async Task ListCustomCommands_lists_each_command_with_its_description_and_payload_schema()
    {
        using var connector = new LifecycleConnector();
        await using var process = await connector.ServeAsync();

        var response = await process.CommandAsync("1", "TetraScience.Connector.ListCustomCommands");

        AssertSuccess(response);
        var commands = response.GetProperty("body").GetProperty("commands").EnumerateArray().ToList();
        Assert.Equal(["Lifecycle.Echo", "Lifecycle.Sleep", "Lifecycle.Fail", "Lifecycle.Log", "Lifecycle.GetConfig", "Lifecycle.Raw", "Lifecycle.Emit",
                "Lifecycle.SetHealth", "Lifecycle.Count", "Lifecycle.Gauge", "Lifecycle.SaveData", "Lifecycle.GetData", "Lifecycle.HandOff",
                "Lifecycle.SaveFiles", "Lifecycle.CountFiles", "Lifecycle.SetLevel", "Lifecycle.FlushLogs"],
            commands.Select(c => c.GetProperty("action").GetString()));
        var sleep = commands[1];
        Assert.Equal("Sleeps, or stops early when the connector shuts down.", sleep.GetProperty("description").GetString());
        AssertJson("""
            {"$schema":"http://json-schema.org/draft-07/schema#","type":"object","required":["seconds"],
             "properties":{"seconds":{"type":"number","title":"Seconds"}},"additionalProperties":false}
            """, sleep.GetProperty("payloadSchema"));
        var echo = commands[0].GetProperty("payloadSchema");
        Assert.Equal(["text", "count", "ratio", "flag", "color", "at", "extra", "numbers", "window"],
            echo.GetProperty("required").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(["from", "to"], echo.GetProperty("properties").GetProperty("window").GetProperty("required").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task A_command_that_throws_fails_with_its_message_and_secrets_are_masked()
    {
        using var connector = new LifecycleConnector();
        await using var process = await connector.ServeAsync();

        var failed = await process.CommandAsync("1", "Lifecycle.Fail", new { message = "boom" });
        var config = await process.CommandAsync("2", "Lifecycle.GetConfig");

        AssertFailure(failed, "'Lifecycle.Fail' failed: boom (api key ****)");
        Assert.Equal("****", config.GetProperty("body").GetProperty("api_key").GetString());
        Assert.DoesNotContain(LifecycleConnector.Secret, process.Describe());
    }

    [Theory]
    [InlineData("""{"a": [1, true]}""", """{"a": [1, true]}""")]
    [InlineData("42", "42")]
    [InlineData("plain text", "\"plain text\"")]
    public async Task A_string_result_is_the_JSON_it_holds_or_else_a_JSON_string(string text, string body)
    {
        using var connector = new LifecycleConnector();
        await using var process = await connector.ServeAsync();

        var response = await process.CommandAsync("1", "Lifecycle.Raw", new { json = text });

        AssertSuccess(response);
        AssertJson(body, response.GetProperty("body"));
    }

    [Fact]
    public async Task Emitted_records_are_RECORD_messages_written_by_the_streams_serializer()
    {
        using var connector = new LifecycleConnector();
        await using var process = await connector.ServeAsync();

        var response = await process.CommandAsync("1", "Lifecycle.Emit", new { count = 2 });

        AssertSuccess(response);
        Assert.Equal(2, response.GetProperty("body").GetInt32());
        Assert.Equal(["""{"id":1,"kind":"emitted"}""", """{"id":2,"kind":"emitted"}"""],
            process.Records.Select(r => r.GetProperty("data").GetRawText()));
        Assert.All(process.Records, r => Assert.Equal("events", r.GetProperty("stream").GetString()));
    }

    [Fact]
    public async Task A_command_for_another_connector_is_refused()
    {
        using var connector = new LifecycleConnector();
        var environment = connector.Environment;
        environment["CONNECTOR_ID"] = "me";
        await using var process = ConnectorProcess.Start(Connector.Lifecycle, ["serve", "--config", connector.ConfigPath], environment);

        process.Send("""{"id": "1", "action": "Lifecycle.Raw", "payload": {"json": "1"}, "targetId": "someone-else"}""");
        process.Send("""{"id": "2", "action": "Lifecycle.Raw", "payload": {"json": "2"}, "targetId": "me"}""");

        AssertFailure(await process.ResponseAsync("1"), "The command is for connector 'someone-else', and this is connector 'me'.");
        AssertSuccess(await process.ResponseAsync("2"));
    }

    internal static void AssertJson(string expected, JsonElement actual)
    {
        using var document = JsonDocument.Parse(expected);
        Assert.True(JsonElement.DeepEquals(document.RootElement, actual), $"Expected {expected}\nbut got {actual}");
    }
}
