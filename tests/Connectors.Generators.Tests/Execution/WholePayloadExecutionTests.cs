using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Connectors.Generators.Tests.Harness;
using Xunit;
using static Connectors.Generators.Tests.Execution.CommandResponses;

namespace Connectors.Generators.Tests.Execution;

/// <summary>
/// A command that takes the whole payload as one object (<c>[Payload]</c>), run: the generated reader binds the record's
/// members from the payload's fields, refuses fields the record does not have (at any depth, and written any other way
/// than the payload schema's name), and a JsonElement takes any object.
/// </summary>
public sealed class WholePayloadExecutionTests
{
    private const string Source = """
        using System.Collections.Generic;
        using System.Linq;
        using System.Text.Json;
        using System.Threading;
        using Connectors;

        namespace Sample;

        public sealed record Ingest(string Folder, int Limit = 10)
        {
            public IReadOnlyList<string> Tags { get; set; } = [];

            public Target? Target { get; set; }
        }

        public sealed record Target(string TargetPath, Host[]? Hosts = null);

        public sealed record Host(string Name);

        public sealed record Summary(string Folder, int Limit, string Tags, string? Target);

        [Connector("sample-whole")]
        public partial class WholeConnector
        {
            [Check] public CheckResult Check() => CheckResult.Success();

            [Command("Sample.Ingest")]
            public Summary Run([Payload] Ingest body, CancellationToken cancellationToken) =>
                new(body.Folder, body.Limit, string.Join(",", body.Tags),
                    body.Target is { } target ? target.TargetPath + ":" + string.Join(",", (target.Hosts ?? []).Select(h => h.Name)) : null);

            [Command("Sample.Echo")]
            public string Echo([Payload] JsonElement body) => body.GetRawText();
        }
        """;

    [Fact]
    public async Task The_payload_binds_to_the_records_members_with_their_defaults()
    {
        var body = AssertSuccess(await RunAsync("Sample.Ingest", """{"folder": "/data", "tags": ["a", "b"]}"""));

        Assert.Equal("/data", body.GetProperty("folder").GetString());
        Assert.Equal(10, body.GetProperty("limit").GetInt32());
        Assert.Equal("a,b", body.GetProperty("tags").GetString());
    }

    [Fact]
    public async Task Nested_records_bind_from_nested_objects_and_arrays()
    {
        var body = AssertSuccess(await RunAsync("Sample.Ingest",
            """{"folder": "/data", "target": {"target_path": "/out", "hosts": [{"name": "a"}, {"name": "b"}]}}"""));

        Assert.Equal("/out:a,b", body.GetProperty("target").GetString());
    }

    [Fact]
    public async Task A_member_written_as_declared_in_C_sharp_is_unknown_and_the_error_names_the_schemas_name()
    {
        var message = AssertFailure(await RunAsync("Sample.Ingest", """{"Folder": "/data", "target": {"TargetPath": "/out"}}"""));

        Assert.Equal("The payload of 'Sample.Ingest' is invalid: $.Folder: unknown field (did you mean \"folder\"?); "
            + "$.target.TargetPath: unknown field (did you mean \"target_path\"?). Known fields: folder, limit, tags, target. "
            + "Known fields of $.target: hosts, target_path.", message);
    }

    [Theory]
    [InlineData("""{"limit": 3}""", "$.folder: required")]
    [InlineData("""{"folder": "/data", "limit": "many"}""", "$.limit: expected an integer")]
    [InlineData("""{"folder": "/data", "limt": 3}""", "$.limt: unknown field (did you mean \"limit\"?). Known fields: folder, limit, tags, target.")]
    [InlineData("""{"folder": "/data", "target": {"target_path": "/out", "extra": 1}}""",
        "$.target.extra: unknown field. Known fields of $.target: hosts, target_path.")]
    [InlineData("""{"folder": "/data", "target": {"target_path": "/out", "hosts": [{"name": "a"}, {"name": "b", "port": 22}]}}""",
        "$.target.hosts[1].port: unknown field. Known fields of $.target.hosts[1]: name.")]
    [InlineData("""{"folder": "/data", "target": {"hosts": []}}""", "$.target.target_path: required")]
    public async Task A_payload_the_record_does_not_take_fails_the_command_naming_the_field(string payload, string problem)
    {
        var message = AssertFailure(await RunAsync("Sample.Ingest", payload));

        Assert.Contains(problem, message);
    }

    [Fact]
    public async Task A_JsonElement_takes_any_payload_object_as_is()
    {
        var body = AssertSuccess(await RunAsync("Sample.Echo", """{"anything": [1, {"goes": true}]}"""));

        Assert.Equal("""{"anything":[1,{"goes":true}]}""", JsonSerializer.Serialize(body));
    }

    [Fact]
    public async Task ListCustomCommands_lists_the_records_members_as_the_payload_schema()
    {
        var body = AssertSuccess(await RunAsync("TetraScience.Connector.ListCustomCommands", "{}"));

        var commands = body.GetProperty("commands").EnumerateArray().ToDictionary(c => c.GetProperty("action").GetString()!);
        var ingest = commands["Sample.Ingest"].GetProperty("payloadSchema");
        Assert.Equal(["folder"], ingest.GetProperty("required").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(["folder", "limit", "tags", "target"], ingest.GetProperty("properties").EnumerateObject().Select(p => p.Name));
        Assert.False(ingest.GetProperty("additionalProperties").GetBoolean());
        // Nested objects, in arrays too, are closed as the payload is: the schema says what the runtime refuses.
        var target = ingest.GetProperty("properties").GetProperty("target");
        Assert.False(target.GetProperty("additionalProperties").GetBoolean());
        Assert.False(target.GetProperty("properties").GetProperty("hosts").GetProperty("items").GetProperty("additionalProperties").GetBoolean());
        Assert.True(commands["Sample.Echo"].GetProperty("payloadSchema").GetProperty("additionalProperties").GetBoolean());
    }

    private static async Task<HostResult> RunAsync(string action, string payload)
    {
        using var connector = LoadedConnector.Load(Source, "Sample.WholeConnector");
        using var files = new TempDirectory();
        return await connector.RunAsync("command", action, "--config", files.Write("config.json", "{}"),
            "--payload", files.Write("payload.json", payload));
    }
}
