using System;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Connectors.Testing.Processes;
using Connectors.Testing.Session;
using Connectors.Testing.Validation;
using Json.Schema;

namespace Connectors.Testing;

public abstract partial class SourceAcceptanceTests<TConnector>
{
    /// <summary>
    /// <c>discover</c> exits 0 and prints exactly one CATALOG, every line a valid AirbyteMessage, with at least one stream
    /// and no two streams of one name.
    /// </summary>
    [ConnectorRule]
    public async Task Discover_prints_one_catalog_of_uniquely_named_streams()
    {
        var run = await DiscoverRunAsync();
        var problems = new RuleProblems();
        ExitedWith(0, run, problems);
        foreach (var problem in run.ProtocolProblems)
        {
            problems.Add(problem, run);
        }
        var catalogs = run.OfType("CATALOG").ToList();
        if (catalogs.Count != 1)
        {
            problems.Add($"{catalogs.Count} CATALOG messages, not one", run);
        }
        else
        {
            var names = Message.Payload(Message.Payload(catalogs[0], "catalog"), "streams") is { ValueKind: JsonValueKind.Array } streams
                ? streams.EnumerateArray().Select(s => Message.Text(s, "name") ?? "").ToList()
                : [];
            if (names.Count == 0)
            {
                problems.Add("the catalog has no stream", run);
            }
            foreach (var name in names.GroupBy(n => n).Where(g => g.Count() > 1))
            {
                problems.Add($"{name.Count()} streams are named '{name.Key}'", run);
            }
        }
        problems.ThrowIfAny("discover must print one catalog of uniquely named streams");
    }

    /// <summary>
    /// Every stream's json_schema is well-formed draft-07 of type object, and keeps to Airbyte's rules (no
    /// <c>$ref</c>, <c>allOf</c>, <c>not</c>, …; type lists <c>[T]</c> or <c>[T, "null"]</c>; additionalProperties true or
    /// absent); every stream lists its supported sync modes.
    /// </summary>
    [ConnectorRule]
    public async Task Discover_stream_schemas_are_valid_and_keep_to_Airbyte_rules()
    {
        var streams = await StreamsAsync();
        var problems = new RuleProblems();
        foreach (var stream in streams)
        {
            var schema = Message.Payload(stream.Raw, "json_schema");
            if (schema.ValueKind != JsonValueKind.Object)
            {
                problems.Add($"{stream.Name}: json_schema is not an object");
                continue;
            }
            if (!RecordSchemas.Types(schema).Contains("object"))
            {
                problems.Add($"{stream.Name}: json_schema is not of type object");
            }
            foreach (var problem in SchemaRules.Draft07Problems(schema).Concat(SchemaRules.AirbyteProblems(schema)))
            {
                problems.Add($"{stream.Name}: json_schema {problem}");
            }
            try
            {
                ProtocolSchema.BuildDraft07(schema);
            }
            catch (Exception ex) when (ProtocolSchema.IsBuildFailure(ex))
            {
                problems.Add($"{stream.Name}: json_schema is not a JSON Schema: {ex.Message}");
            }
            if (stream.SyncModes.Count == 0 || stream.SyncModes.Any(m => m is not ("full_refresh" or "incremental")))
            {
                problems.Add($"{stream.Name}: supported_sync_modes [{string.Join(", ", stream.SyncModes)}] is not a non-empty list of full_refresh and incremental");
            }
        }
        problems.ThrowIfAny("stream schemas must be valid and keep to Airbyte's rules");
    }

    /// <summary>
    /// Every stream's primary key and default cursor name fields its schema declares (and a key is not an object or an
    /// array); every stream that reads incrementally has a cursor (a default cursor field, or a source-defined one).
    /// </summary>
    [ConnectorRule]
    public async Task Discover_primary_keys_and_cursors_exist_in_the_schemas()
    {
        var streams = await StreamsAsync();
        var problems = new RuleProblems();
        foreach (var stream in streams)
        {
            var schema = Message.Payload(stream.Raw, "json_schema");
            foreach (var key in stream.PrimaryKey)
            {
                var field = FieldSchema(schema, key);
                if (field.ValueKind != JsonValueKind.Object)
                {
                    problems.Add($"{stream.Name}: primary key [{string.Join(".", key)}] is not a property of the schema");
                }
                else if (RecordSchemas.Types(field).Any(t => t is "object" or "array"))
                {
                    problems.Add($"{stream.Name}: primary key [{string.Join(".", key)}] is an {string.Join("/", RecordSchemas.Types(field))}");
                }
            }
            if (stream.Cursor.Count > 0 && FieldSchema(schema, stream.Cursor).ValueKind != JsonValueKind.Object)
            {
                problems.Add($"{stream.Name}: default cursor [{string.Join(".", stream.Cursor)}] is not a property of the schema");
            }
            var sourceDefined = Message.Payload(stream.Raw, "source_defined_cursor").ValueKind == JsonValueKind.True;
            if (stream.SupportsIncremental && stream.Cursor.Count == 0 && !sourceDefined)
            {
                problems.Add($"{stream.Name}: reads incrementally but has neither a default_cursor_field nor a source-defined cursor");
            }
        }
        problems.ThrowIfAny("primary keys and cursors must exist in the schemas");
    }

    private static JsonElement FieldSchema(JsonElement schema, System.Collections.Generic.IReadOnlyList<string> path) =>
        path.Aggregate(schema, (node, name) => Message.Payload(Message.Payload(node, "properties"), name));
}
