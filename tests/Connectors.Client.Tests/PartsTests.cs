using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Connectors.Client.Caching;
using Connectors.Client.Execution;
using Connectors.Client.Protocol;
using Connectors.Client.Secrets;
using Connectors.Client.Validation;
using Xunit;

namespace Connectors.Client.Tests;

/// <summary>The client's pieces on their own: line splitting, message scanning, paths, table schemas, secrets, Docker.</summary>
public sealed class PartsTests
{
    [Fact]
    public async Task Lines_are_split_on_newlines_with_CR_dropped_and_a_last_line_without_newline()
    {
        var input = "{\"a\":1}\r\n\n" + new string('x', 3_000_000) + "\nlast";
        var splitter = new LineSplitter(new MemoryStream(Encoding.UTF8.GetBytes(input)));
        var lines = new List<string>();
        while (await splitter.ReadLineAsync(CancellationToken.None) is { } line)
        {
            lines.Add(Encoding.UTF8.GetString(line.Span));
        }
        Assert.Equal(["{\"a\":1}", "", new string('x', 3_000_000), "last"], lines);

        var sync = new LineSplitter(new MemoryStream(Encoding.UTF8.GetBytes(input)));
        var count = 0;
        while (sync.TryReadLine(out _))
        {
            count++;
        }
        Assert.Equal(4, count);
    }

    [Fact]
    public void A_line_longer_than_the_limit_is_refused()
    {
        var splitter = new LineSplitter(new MemoryStream(new byte[5000]), maxLineBytes: 1000);
        Assert.Throws<IOException>(() => splitter.TryReadLine(out _));
    }

    [Theory]
    [InlineData("{\"type\":\"RECORD\",\"record\":{\"stream\":\"s\",\"data\":{},\"emitted_at\":1}}", MessageType.Record)]
    [InlineData("{\"record\":{\"stream\":\"s\",\"data\":{},\"emitted_at\":1},\"type\":\"RECORD\"}", MessageType.Record)]
    [InlineData("{\"spec\":{\"connectionSpecification\":{}},\"type\":\"SPEC\"}", MessageType.Spec)]
    [InlineData("{\"type\":\"CONNECTION_STATUS\",\"connectionStatus\":{\"status\":\"SUCCEEDED\"}}", MessageType.ConnectionStatus)]
    [InlineData("{\"type\":\"RECORD\",\"state\":{}}", MessageType.Unknown)]
    [InlineData("Starting up...", MessageType.Unknown)]
    [InlineData("{\"type\":\"RECORD\",\"record\":{", MessageType.Unknown)]
    public void Messages_are_scanned_in_any_field_order_and_anything_else_is_a_log_line(string line, MessageType expected)
    {
        var scanned = MessageScanner.Scan(Encoding.UTF8.GetBytes(line));
        Assert.Equal(expected, scanned.Type);
        if (expected != MessageType.Unknown)
        {
            using var payload = JsonDocument.Parse(scanned.Payload(Encoding.UTF8.GetBytes(line).AsMemory()));
            Assert.Equal(JsonValueKind.Object, payload.RootElement.ValueKind);
        }
    }

    [Theory]
    [InlineData("", "$")]
    [InlineData("/count", "$.count")]
    [InlineData("/edition_configs/edition", "$.edition_configs.edition")]
    [InlineData("/streams/2/name", "$.streams[2].name")]
    [InlineData("/a~1b/c d", "$[\"a/b\"][\"c d\"]")]
    public void Json_pointers_become_json_paths(string pointer, string path) => Assert.Equal(path, ConfigValidator.ToJsonPath(pointer));

    [Fact]
    public void Table_schemas_type_columns_from_the_json_schema_and_normalize_names()
    {
        using var schema = JsonDocument.Parse("""
            {"type":"object","properties":{
              "Id":{"type":"integer"}, "price":{"type":"number"}, "count":{"type":"number","airbyte_type":"integer"},
              "ok":{"type":["null","boolean"]}, "name":{"type":"string"}, "day":{"type":"string","format":"date"},
              "at":{"type":"string","format":"date-time"},
              "local":{"type":"string","format":"date-time","airbyte_type":"timestamp_without_timezone"},
              "tags":{"type":"array"}, "either":{"type":["string","integer"]}, "1st place":{"type":"string"}, "id":{"type":"string"}}}
            """);
        var table = TableSchema.From(schema.RootElement, [["Id"]]);
        Assert.Equal(
            ["id:Integer", "price:Number", "count:Integer", "ok:Boolean", "name:String", "day:Date", "at:TimestampWithTimeZone",
             "local:TimestampWithoutTimeZone", "tags:Json", "either:Json", "_1st_place:String", "id_1:String"],
            table.Columns.Select(c => $"{c.Name}:{c.Type}"));
        Assert.Equal(["id"], table.PrimaryKey);
        Assert.Equal(["_airbyte_raw_id", "_airbyte_extracted_at", "_airbyte_meta"], table.AllColumnNames.TakeLast(3));
    }

    [Fact]
    public void A_schema_without_properties_stores_whole_records()
    {
        using var schema = JsonDocument.Parse("{\"type\":\"object\"}");
        var table = TableSchema.From(schema.RootElement, [["id"]]);
        Assert.True(table.WholeRecord);
        Assert.Equal("_airbyte_data", Assert.Single(table.Columns).Name);
        Assert.Empty(table.PrimaryKey);
    }

    [Fact]
    public void Dot_env_files_understand_export_quotes_and_comments()
    {
        var values = DotEnvSecretProvider.Parse([
            "# comment", "", "export A=1", "B = \"two words\"", "C='it''s'", "D=plain # trailing", "E=\"line\\nbreak\"", "not a pair",
        ]);
        Assert.Equal("1", values["A"]);
        Assert.Equal("two words", values["B"]);
        Assert.Equal("it''s", values["C"]);
        Assert.Equal("plain", values["D"]);
        Assert.Equal("line\nbreak", values["E"]);
        Assert.Equal(5, values.Count);
    }

    [Fact]
    public void Secret_references_resolve_from_the_first_provider_that_has_them_and_go_back_into_a_returned_config()
    {
        var resolver = new SecretResolver([new PromptSecretProvider(name => name == "B" ? "from-prompt" : null),
            new PromptSecretProvider(name => name == "A" ? "from-second" : "unused")]);
        var config = JsonNode.Parse("""{"a":"secret_reference::A","nested":{"list":["secret_reference::B", 3]},"plain":"x"}""")!.AsObject();
        var secrets = new Dictionary<string, string>();
        var resolved = resolver.Resolve(config, secrets);
        Assert.Equal("""{"a":"from-second","nested":{"list":["from-prompt",3]},"plain":"x"}""", resolved.ToJsonString());
        Assert.Equal("secret_reference::A", config["a"]!.GetValue<string>());

        var echoed = JsonNode.Parse("""{"a":"from-second","nested":{"list":["rotated", 3]},"plain":"y"}""")!.AsObject();
        var rotated = new List<string>();
        SecretResolver.RestoreReferences(config, echoed, secrets, "$", rotated);
        Assert.Equal("""{"a":"secret_reference::A","nested":{"list":["rotated",3]},"plain":"y"}""", echoed.ToJsonString());
        Assert.Equal(["$.nested.list[0]"], rotated);
    }

    [Fact]
    public void A_missing_secret_names_the_reference_its_path_and_where_it_looked()
    {
        var resolver = new SecretResolver([new EnvironmentSecretProvider()]);
        var config = JsonNode.Parse("""{"auth":{"token":"secret_reference::CONNECTORS_TEST_SURELY_UNSET"}}""")!.AsObject();
        var error = Assert.Throws<ConnectorException>(() => resolver.Resolve(config, new Dictionary<string, string>()));
        Assert.Contains("CONNECTORS_TEST_SURELY_UNSET", error.Message);
        Assert.Contains("$.auth.token", error.Message);
        Assert.Contains("environment variables", error.Message);
    }

    [Fact]
    public void Docker_runs_the_image_with_the_files_folder_mounted_and_paths_rewritten()
    {
        var docker = new DockerExecutor("airbyte/source-faker:6.2.0");
        var arguments = docker.RunArguments(["read", "--config", "/tmp/run-1/config.json", "--catalog", "/tmp/run-1/catalog.json"], "/tmp/run-1");
        Assert.Equal("source-faker", docker.Name);
        Assert.Equal(["run", "--rm", "-i", "--init", "--user"], arguments.Take(5));
        Assert.Matches("^[0-9]+:[0-9]+$", arguments[5]);
        Assert.Equal(["-v", "/tmp/run-1:/airbyte/connectors-client", "airbyte/source-faker:6.2.0", "read",
            "--config", "/airbyte/connectors-client/config.json", "--catalog", "/airbyte/connectors-client/catalog.json"], arguments.Skip(6));
        var info = docker.CreateStartInfo(["spec"], "/tmp/run-2");
        Assert.Equal("docker", info.FileName);
        Assert.Equal("spec", info.ArgumentList[^1]);
    }

    [Theory]
    [InlineData("npm:airbyte-faros-destination@0.10.65", typeof(NpmExecutor), "airbyte-faros-destination")]
    [InlineData("npm:@scope/source-x@1.2.3", typeof(NpmExecutor), "source-x")]
    [InlineData("docker:airbyte/destination-duckdb:0.4.0", typeof(DockerExecutor), "destination-duckdb")]
    [InlineData("/opt/connectors/source-faker.dll", typeof(LocalExecutor), "source-faker")]
    [InlineData("source-pokeapi", typeof(LocalExecutor), "source-pokeapi")]
    public void Locations_pick_their_executor(string location, Type type, string name)
    {
        var executor = ConnectorLocator.Resolve(location, new ConnectorHome("/tmp/connectors-home"));
        Assert.IsType(type, executor);
        Assert.Equal(name, executor.Name);
    }

    [Fact]
    public void An_npm_location_without_a_version_is_refused()
    {
        var error = Assert.Throws<ConnectorException>(() => ConnectorLocator.Resolve("npm:airbyte-faros-destination"));
        Assert.Contains("npm:NAME@VERSION", error.Message);
    }

    [Theory]
    [InlineData("sqlite:/tmp/a.db", "sqlite")]
    [InlineData("duckdb:/tmp/a.duckdb", "duckdb")]
    [InlineData("postgres:Host=127.0.0.1;Username=u;Password=hunter2;Schema=raw", "postgres")]
    public void Caches_parse_from_their_command_line_form(string text, string kind)
    {
        var cache = Cache.Parse(text);
        Assert.Equal(kind, cache.Kind);
        Assert.DoesNotContain("hunter2", cache.ToString());
    }

    [Fact]
    public void An_unknown_cache_form_is_refused() =>
        Assert.Contains("sqlite:PATH", Assert.Throws<ConnectorException>(() => Cache.Parse("mysql:x")).Message);
}
