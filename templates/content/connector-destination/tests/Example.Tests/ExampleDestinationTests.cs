using System.Text.Json;
using Connectors;
using Example;
using Microsoft.Extensions.Logging.Abstractions;

namespace Example.Tests;

public sealed class ExampleDestinationTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "example-destination-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void Check_succeeds_for_a_writable_directory()
    {
        var result = new ExampleDestination { DestinationPath = _directory }.Check();

        Assert.True(result.Succeeded, result.Message);
    }

    [Fact]
    public void Check_fails_when_the_path_is_a_file()
    {
        Directory.CreateDirectory(_directory);
        var file = Path.Combine(_directory, "a-file");
        File.WriteAllText(file, "");

        var result = new ExampleDestination { DestinationPath = file }.Check();

        Assert.False(result.Succeeded);
    }

    [Fact]
    public void Append_adds_the_committed_records_to_the_stream_file()
    {
        Sync(DestinationSyncMode.Append, """{"id":1}""", """{"id":2}""");
        Sync(DestinationSyncMode.Append, """{"id":3}""");

        Assert.Equal([1, 2, 3], Ids());
    }

    [Fact]
    public void Overwrite_keeps_the_old_records_visible_until_the_stream_is_complete()
    {
        Sync(DestinationSyncMode.Append, """{"id":1}""", """{"id":2}""");
        using var destination = new ExampleDestination { DestinationPath = _directory };
        var stream = Stream(DestinationSyncMode.Overwrite);

        destination.Start(stream);
        destination.Write(stream, RecordBatch.Of(0, """{"id":9}"""));
        destination.Commit();
        Assert.Equal([1, 2], Ids());

        destination.End(stream);
        Assert.Equal([9], Ids());
    }

    [Fact]
    public void An_overwrite_that_did_not_complete_keeps_the_old_records_and_a_retry_of_its_generation_resumes_what_was_committed()
    {
        Sync(DestinationSyncMode.Append, """{"id":1}""");
        var stream = Stream(DestinationSyncMode.Overwrite, generation: 2);
        using (var attempt = new ExampleDestination { DestinationPath = _directory })
        {
            attempt.Start(stream);
            attempt.Write(stream, RecordBatch.Of(0, """{"id":7}"""));
            attempt.Commit();
            // Written but never committed: the runtime did not acknowledge it, so the retry sends it again.
            attempt.Write(stream, RecordBatch.Of(0, """{"id":8}"""));
            attempt.Incomplete(stream, StreamIncompleteReason.SourceReportedIncomplete, NullLogger.Instance);
        }
        Assert.Equal([1], Ids());

        using var retry = new ExampleDestination { DestinationPath = _directory };
        retry.Start(stream);
        retry.Write(stream, RecordBatch.Of(0, """{"id":8}""", """{"id":9}"""));
        retry.Commit();
        retry.End(stream);

        Assert.Equal([7, 8, 9], Ids());
    }

    [Fact]
    public void A_retry_after_the_stream_was_swapped_in_appends_to_it_instead_of_replacing_it()
    {
        var stream = Stream(DestinationSyncMode.Overwrite, generation: 2);
        using (var attempt = new ExampleDestination { DestinationPath = _directory })
        {
            attempt.Start(stream);
            attempt.Write(stream, RecordBatch.Of(0, """{"id":7}"""));
            attempt.Commit();
            attempt.End(stream);
        }

        // The attempt failed later (another stream); the retry of this generation resumes after the stream's last state.
        using var retry = new ExampleDestination { DestinationPath = _directory };
        retry.Start(stream);
        retry.Commit();
        retry.End(stream);

        Assert.Equal([7], Ids());
    }

    [Fact]
    public void An_overwrite_of_another_generation_starts_its_staging_file_over()
    {
        using (var attempt = new ExampleDestination { DestinationPath = _directory })
        {
            var first = Stream(DestinationSyncMode.Overwrite, generation: 2);
            attempt.Start(first);
            attempt.Write(first, RecordBatch.Of(0, """{"id":7}"""));
            attempt.Commit();
            attempt.Incomplete(first, StreamIncompleteReason.InputEndedEarly, NullLogger.Instance);
        }

        using var next = new ExampleDestination { DestinationPath = _directory };
        var stream = Stream(DestinationSyncMode.Overwrite, generation: 3);
        next.Start(stream);
        next.Write(stream, RecordBatch.Of(0, """{"id":9}"""));
        next.Commit();
        next.End(stream);

        Assert.Equal([9], Ids());
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private void Sync(DestinationSyncMode mode, params string[] records)
    {
        using var destination = new ExampleDestination { DestinationPath = _directory };
        var stream = Stream(mode);
        destination.Start(stream);
        destination.Write(stream, RecordBatch.Of(0, records));
        destination.Commit();
        destination.End(stream);
    }

    private static DestinationStream Stream(DestinationSyncMode mode, long? generation = null) =>
        new() { Name = "example_stream", SyncMode = mode, GenerationId = generation };

    private long[] Ids() =>
        File.ReadAllLines(Path.Combine(_directory, "example_stream.jsonl"))
            .Select(line => JsonDocument.Parse(line).RootElement.GetProperty("id").GetInt64())
            .ToArray();
}
