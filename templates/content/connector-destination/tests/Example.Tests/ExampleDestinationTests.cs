using System.Text.Json;
using Connectors;
using Example;

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
    public void Overwrite_keeps_the_old_records_visible_until_the_stream_ends()
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

    private static DestinationStream Stream(DestinationSyncMode mode) => new() { Name = "example_stream", SyncMode = mode };

    private long[] Ids() =>
        File.ReadAllLines(Path.Combine(_directory, "example_stream.jsonl"))
            .Select(line => JsonDocument.Parse(line).RootElement.GetProperty("id").GetInt64())
            .ToArray();
}
