using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;

namespace Connectors.Runtime.Tests.Support;

/// <summary>Builds hand-written connector descriptors (what the generator would emit) around <see cref="TestSource"/>.</summary>
internal static class TestConnector
{
    public const string Name = "source-test";
    public const string Version = "1.2.3";
    public const string DocumentationUrl = "https://example.com/docs/source-test";

    /// <summary>The JSON Schema of <see cref="Row"/> records.</summary>
    public const string RowSchema = """
        {
          "$schema": "http://json-schema.org/draft-07/schema#",
          "type": "object",
          "properties": {
            "id": { "type": "integer" },
            "seq": { "type": "integer" },
            "name": { "type": "string" }
          }
        }
        """;

    /// <summary>A descriptor with the given streams and check; every instance it creates is kept in <paramref name="created"/>.</summary>
    public static ConnectorDescriptor<TestSource> Create(
        Func<TestSource, CheckRequest, ValueTask<CheckResult>>? check = null,
        IEnumerable<SourceStream<TestSource>>? streams = null,
        ConcurrentQueue<TestSource>? created = null) => new()
        {
            Name = Name,
            Version = Version,
            DocumentationUrl = DocumentationUrl,
            ConfigSchema = TestSource.Schema,
            Create = () =>
            {
                var source = new TestSource();
                created?.Enqueue(source);
                return source;
            },
            BindConfig = TestSource.Bind,
            Check = check,
            Streams = streams?.ToList() ?? new List<SourceStream<TestSource>>(),
        };

    public static ConnectorDescriptor<TestSource> WithStreams(params SourceStream<TestSource>[] streams) => Create(streams: streams);

    public static ConnectorDescriptor<TestSource> WithCheck(Func<TestSource, CheckRequest, CheckResult> check) =>
        Create(check: (source, request) => new ValueTask<CheckResult>(check(source, request)));

    /// <summary>The <c>seq</c> cursor of <see cref="Row"/>.</summary>
    public static StreamCursor<Row, long> SeqCursor { get; } = new("seq", static row => row.Seq, CursorCodecs.Int64);

    /// <summary>A stream of rows read by a synchronous method.</summary>
    public static SourceStream<TestSource, Row> Rows(string name, Func<TestSource, StreamRequest, IEnumerable<Row>> read,
        bool incremental = false, bool sorted = false, int interval = 0, string? ns = null, bool cursor = true) => new()
        {
            Name = name,
            Namespace = ns,
            JsonSchema = RowSchema,
            PrimaryKey = new[] { new[] { "id" } },
            SupportsIncremental = incremental,
            SortedByCursor = sorted,
            CheckpointInterval = interval,
            Cursor = cursor ? SeqCursor : null,
            OpenSync = read,
            WriteRecord = Row.Write,
        };

    /// <summary>A stream of rows read by an async iterator.</summary>
    public static SourceStream<TestSource, Row> RowsAsync(string name, Func<TestSource, StreamRequest, IAsyncEnumerable<Row>> read,
        bool incremental = false, bool sorted = false, int interval = 0) => new()
        {
            Name = name,
            JsonSchema = RowSchema,
            PrimaryKey = new[] { new[] { "id" } },
            SupportsIncremental = incremental,
            SortedByCursor = sorted,
            CheckpointInterval = interval,
            Cursor = SeqCursor,
            Open = read,
            WriteRecord = Row.Write,
        };

    /// <summary>A stream that always returns the same rows.</summary>
    public static SourceStream<TestSource, Row> Fixed(string name, params long[] seqs) =>
        Rows(name, (_, _) => Row.WithSeqs(seqs));

    /// <summary>A valid config file's content.</summary>
    public const string ValidConfig = """{"api_key":"sk-test-key","count":2}""";

    /// <summary>A configured catalog with the given streams and sync modes, as the platform writes it.</summary>
    public static string Catalog(params (string Name, string SyncMode)[] streams)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("streams");
            foreach (var (name, mode) in streams)
            {
                json.WriteStartObject();
                json.WriteStartObject("stream");
                json.WriteString("name", name);
                json.WritePropertyName("json_schema");
                using (var schema = JsonDocument.Parse(RowSchema))
                {
                    schema.RootElement.WriteTo(json);
                }
                json.WriteStartArray("supported_sync_modes");
                json.WriteStringValue("full_refresh");
                json.WriteStringValue("incremental");
                json.WriteEndArray();
                json.WriteEndObject();
                json.WriteString("sync_mode", mode);
                json.WriteString("destination_sync_mode", "append");
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>A catalog that reads every named stream in full refresh.</summary>
    public static string FullRefresh(params string[] names) => Catalog(names.Select(n => (n, "full_refresh")).ToArray());

    /// <summary>A catalog that reads every named stream incrementally.</summary>
    public static string Incremental(params string[] names) => Catalog(names.Select(n => (n, "incremental")).ToArray());

    /// <summary>A state file holding one STREAM state per (stream, stream_state JSON).</summary>
    public static string StreamStates(params (string Name, string StreamState)[] states) =>
        "[" + string.Join(",", states.Select(s =>
            $$$"""{"type":"STREAM","stream":{"stream_descriptor":{"name":"{{{s.Name}}}"},"stream_state":{{{s.StreamState}}}}}""")) + "]";
}
