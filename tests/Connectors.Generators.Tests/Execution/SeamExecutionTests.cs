using System;
using System.Buffers;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Connectors.Generators.Tests.Harness;
using Connectors.Runtime;
using Xunit;

namespace Connectors.Generators.Tests.Execution;

/// <summary>
/// A generated connector read by a host that is not Airbyte, through the runtime's neutral seam only: config binding
/// from a JSON document, the visitor that types each stream by its records, the record loop with the generated record
/// writers and cursors, and checkpoints a resume starts from.
/// </summary>
public sealed class SeamExecutionTests(SeamExecutionTests.ClockConnector clock) : IClassFixture<SeamExecutionTests.ClockConnector>
{
    private const string Source = """
        using System;
        using System.Collections.Generic;
        using Connectors;

        namespace Clock;

        public sealed record Tick(long Id, DateTimeOffset At);

        public sealed record Note(string Text);

        [Connector("source-clock")]
        public partial class ClockSource
        {
            [ConfigProperty(Minimum = 1)]
            public int Count { get; set; } = 6;

            [Check]
            public CheckResult Check() => CheckResult.Success();

            // Two ticks per hour: ids 1 and 2 at 01:00, 3 and 4 at 02:00, …
            [Stream("ticks", PrimaryKey = nameof(Tick.Id), Cursor = nameof(Tick.At), SortedByCursor = true, CheckpointInterval = 2)]
            public IEnumerable<Tick> Ticks(DateTimeOffset? since)
            {
                for (var id = 1; id <= Count; id++)
                {
                    var at = new DateTimeOffset(2024, 1, 1, (id + 1) / 2, 0, 0, TimeSpan.Zero);
                    if (since is null || at > since)
                    {
                        yield return new Tick(id, at);
                    }
                }
            }

            [Stream("notes")]
            public IEnumerable<Note> Notes()
            {
                yield return new Note("first");
                yield return new Note("second");
            }
        }
        """;

    /// <summary>The connector, compiled once for the class.</summary>
    public sealed class ClockConnector : IDisposable
    {
        internal LoadedConnector Loaded { get; } = LoadedConnector.Load(Source, "Clock.ClockSource");

        public void Dispose() => Loaded.Dispose();
    }

    private LoadedConnector Clock => clock.Loaded;

    private Task<List<string>> ReadAsync(string config, string stream, StreamReadOptions options, string? savedState = null) =>
        (Task<List<string>>)typeof(SeamExecutionTests).GetMethod(nameof(ReadTypedAsync), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(Clock.ConnectorType)
            .Invoke(null, [Clock.Descriptor, config, stream, options, savedState])!;

    // What a host does, knowing the connector class but none of its record types.
    private static async Task<List<string>> ReadTypedAsync<TConnector>(ConnectorDescriptor<TConnector> descriptor, string config, string streamName,
        StreamReadOptions options, string? savedState) where TConnector : class
    {
        var binding = ConnectorConfig.Bind(descriptor, Encoding.UTF8.GetBytes(config));
        if (!binding.Succeeded)
        {
            return binding.Problems.Select(p => "problem " + p).ToList();
        }
        var stream = descriptor.Streams.Single(s => s.Name == streamName);
        var since = (object?)null;
        if (savedState is not null)
        {
            using var state = JsonDocument.Parse(savedState);
            Assert.True(stream.TryReadCursor(state.RootElement, out since, out var problem), problem);
        }
        var events = new List<string>();
        var result = await stream.Accept(new Host<TConnector>(binding.Connector, new StreamReadOptions
        {
            SyncMode = options.SyncMode,
            CheckpointInterval = options.CheckpointInterval,
            Since = since,
        }, events));
        events.Add(result.Outcome + "/" + result.Records);
        return events;
    }

    private List<string> Bind(string config, bool? rejectUnknownProperties) =>
        (List<string>)typeof(SeamExecutionTests).GetMethod(nameof(BindTyped), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(Clock.ConnectorType)
            .Invoke(null, [Clock.Descriptor, config, rejectUnknownProperties])!;

    private static List<string> BindTyped<TConnector>(ConnectorDescriptor<TConnector> descriptor, string config, bool? rejectUnknownProperties)
        where TConnector : class
    {
        var result = ConnectorConfig.Bind(descriptor, Encoding.UTF8.GetBytes(config), rejectUnknownProperties: rejectUnknownProperties);
        return
        [
            .. result.Problems.Select(p => "problem " + p),
            .. result.UnknownProperties.Select(u => $"unknown {u.Path} (did you mean {u.Suggestion}?)"),
            result.Succeeded ? "bound" : "not bound",
        ];
    }

    private sealed class Host<TConnector>(TConnector connector, StreamReadOptions options, List<string> events)
        : ISourceStreamVisitor<TConnector, Task<StreamReadResult>> where TConnector : class
    {
        public Task<StreamReadResult> Visit<TRecord>(SourceStream<TConnector, TRecord> stream) =>
            stream.ReadAsync(connector, options, new Sink<TRecord>(stream.WriteRecord, events));
    }

    private readonly struct Sink<TRecord>(RecordWriter<TRecord> write, List<string> events) : IRecordSink<TRecord>
    {
        public void Record(TRecord record)
        {
            var buffer = new ArrayBufferWriter<byte>();
            using (var json = new Utf8JsonWriter(buffer))
            {
                write(json, record);
            }
            events.Add(typeof(TRecord).Name + " " + Encoding.UTF8.GetString(buffer.WrittenSpan));
        }

        public void Checkpoint(StreamCheckpoint checkpoint) =>
            events.Add($"checkpoint {(checkpoint.HasCursor ? Encoding.UTF8.GetString(checkpoint.State) : "-")} after {checkpoint.Records}{(checkpoint.IsFinal ? " final" : "")}");
    }

    private static readonly StreamReadOptions Incremental = new() { SyncMode = SyncMode.Incremental };

    [Fact]
    public async Task A_host_reads_generated_records_with_checkpoints_at_the_generated_cursors_boundaries()
    {
        var events = await ReadAsync("""{"count": 5}""", "ticks", Incremental);

        Assert.Equal(new[]
        {
            """Tick {"id":1,"at":"2024-01-01T01:00:00+00:00"}""",
            """Tick {"id":2,"at":"2024-01-01T01:00:00+00:00"}""",
            """checkpoint {"at":"2024-01-01T01:00:00+00:00"} after 2""",
            """Tick {"id":3,"at":"2024-01-01T02:00:00+00:00"}""",
            """Tick {"id":4,"at":"2024-01-01T02:00:00+00:00"}""",
            """checkpoint {"at":"2024-01-01T02:00:00+00:00"} after 2""",
            """Tick {"id":5,"at":"2024-01-01T03:00:00+00:00"}""",
            """checkpoint {"at":"2024-01-01T03:00:00+00:00"} after 1 final""",
            "Completed/5",
        }, events);
    }

    [Fact]
    public async Task A_host_resumes_from_a_checkpoint_it_kept()
    {
        var events = await ReadAsync("""{"count": 5}""", "ticks", Incremental, savedState: """{"at":"2024-01-01T02:00:00+00:00"}""");

        Assert.Equal(new[]
        {
            """Tick {"id":5,"at":"2024-01-01T03:00:00+00:00"}""",
            """checkpoint {"at":"2024-01-01T03:00:00+00:00"} after 1 final""",
            "Completed/1",
        }, events);
    }

    [Fact]
    public async Task The_hosts_checkpoint_interval_overrides_the_streams()
    {
        var events = await ReadAsync("""{"count": 6}""", "ticks", new StreamReadOptions { SyncMode = SyncMode.Incremental, CheckpointInterval = 1000 });

        Assert.Equal(
            """checkpoint {"at":"2024-01-01T03:00:00+00:00"} after 6 final""",
            Assert.Single(events, e => e.StartsWith("checkpoint", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_stream_without_a_cursor_ends_with_a_final_checkpoint_without_state()
    {
        var events = await ReadAsync("{}", "notes", new StreamReadOptions());

        Assert.Equal(new[] { """Note {"text":"first"}""", """Note {"text":"second"}""", "checkpoint - after 2 final", "Completed/2" }, events);
    }

    [Fact]
    public void Unknown_keys_are_listed_for_the_host_to_warn_about_or_rejected_when_it_asks()
    {
        Assert.Equal(new[] { "unknown $.Count (did you mean count?)", "bound" }, Bind("""{"Count": 3}""", rejectUnknownProperties: null));
        Assert.Equal(new[] { "unknown $.Count (did you mean count?)", "bound" }, Bind("""{"Count": 3}""", rejectUnknownProperties: false));
        var rejected = Bind("""{"Count": 3}""", rejectUnknownProperties: true);
        Assert.StartsWith("problem $.Count: ", rejected[0]);
        Assert.Equal("not bound", rejected[^1]);
    }

    [Fact]
    public async Task A_config_the_generated_binder_rejects_is_reported_with_its_JSON_path()
    {
        var events = await ReadAsync("""{"count": 0}""", "ticks", Incremental);

        Assert.Equal("problem $.count: must be at least 1, got 0", Assert.Single(events));
    }
}
