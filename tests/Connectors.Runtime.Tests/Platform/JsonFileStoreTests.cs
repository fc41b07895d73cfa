using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Connectors.Runtime.Platform;
using Connectors.Runtime.Tests.Support;
using Xunit;

namespace Connectors.Runtime.Tests.Platform;

/// <summary>The default store (one JSON file): file records' times and order, queries, values by key, a damaged file.</summary>
public sealed class JsonFileStoreTests : IDisposable
{
    private static readonly DateTimeOffset T1 = new(2024, 5, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset T2 = T1.AddMinutes(5);
    private static readonly DateTimeOffset T3 = T1.AddMinutes(9);
    private readonly TempDir _folder = new();

    [Fact]
    public async Task A_record_keeps_when_it_was_created_and_moves_its_update_time_also_after_reopening()
    {
        using (var store = new JsonFileStore(_folder.Path))
        {
            await store.SaveFilesAsync([new ConnectorFile("a", "/in/a.csv", ConnectorFileStatus.Pending)], T1, default);
            await store.SaveFilesAsync([new ConnectorFile("a", "/in/a.csv", ConnectorFileStatus.Success) { FileId = "f-9" }], T2, default);
        }

        using var reopened = new JsonFileStore(_folder.Path);
        var file = Assert.Single(await reopened.GetFilesAsync(new ConnectorFileQuery(), default));

        Assert.Equal((ConnectorFileStatus.Success, "f-9", T1, T2), (file.Status, file.FileId, file.CreatedAt, file.UpdatedAt));
    }

    [Fact]
    public async Task Records_come_oldest_update_first_then_by_id_and_a_limit_keeps_the_oldest()
    {
        using var store = new JsonFileStore(_folder.Path);
        await store.SaveFilesAsync([File("c"), File("b")], T2, default);
        await store.SaveFilesAsync([File("z")], T1, default);
        await store.SaveFilesAsync([File("a")], T3, default);

        Assert.Equal(["z", "b", "c", "a"], Ids(await store.GetFilesAsync(new ConnectorFileQuery(), default)));
        Assert.Equal(["z", "b"], Ids(await store.GetFilesAsync(new ConnectorFileQuery { Limit = 2 }, default)));
        Assert.Empty(await store.GetFilesAsync(new ConnectorFileQuery { Limit = 0 }, default));
    }

    [Fact]
    public async Task Ids_and_statuses_filter_together_and_a_repeated_id_gives_one_record()
    {
        using var store = new JsonFileStore(_folder.Path);
        await store.SaveFilesAsync(
            [File("a"), File("b", ConnectorFileStatus.Error), File("c", ConnectorFileStatus.Skipped), File("d", ConnectorFileStatus.Error)], T1, default);

        var found = await store.GetFilesAsync(new ConnectorFileQuery
        {
            Ids = ["d", "b", "b", "a", "missing"],
            Statuses = [ConnectorFileStatus.Error, ConnectorFileStatus.Skipped],
        }, default);

        Assert.Equal(["b", "d"], Ids(found));
        Assert.Equal(["b", "c", "d"], Ids(await store.GetFilesAsync(new ConnectorFileQuery { Statuses = [ConnectorFileStatus.Error, ConnectorFileStatus.Skipped] }, default)));
    }

    [Fact]
    public async Task Values_are_read_by_key_once_each_in_ordinal_order_or_all_of_them()
    {
        using (var store = new JsonFileStore(_folder.Path))
        {
            await store.SaveValuesAsync([new StoredValue("b", "2", false), new StoredValue("B", "1", true), new StoredValue("a", "0", false)], default);
            await store.SaveValuesAsync([new StoredValue("b", "3", false)], default);
        }

        using var reopened = new JsonFileStore(_folder.Path);

        Assert.Equal([new StoredValue("B", "1", true), new StoredValue("a", "0", false), new StoredValue("b", "3", false)],
            await reopened.GetValuesAsync(null, default));
        Assert.Equal([new StoredValue("B", "1", true), new StoredValue("b", "3", false)], await reopened.GetValuesAsync(["b", "x", "B", "b"], default));
    }

    [Fact]
    public async Task A_record_written_by_hand_may_leave_out_its_optional_fields()
    {
        System.IO.File.WriteAllText(Path.Combine(_folder.Path, "connector-data.json"), """
            {"values":[],"files":[
              {"uniqueExternalId":"a","filepath":"/in/a","status":"ERROR","errorCount":"3","errorMessage":null},
              {"uniqueExternalId":"b","filepath":"/in/b","status":"SUCCESS","errorCount":2,"fileId":"f-1","createdAt":"2024-05-01T09:00:00+00:00"}]}
            """);
        using var store = new JsonFileStore(_folder.Path);

        var files = await store.GetFilesAsync(new ConnectorFileQuery(), default);

        var a = files.Single(f => f.UniqueExternalId == "a");
        Assert.Equal((ConnectorFileStatus.Error, 0, (string?)null, (string?)null, (DateTimeOffset?)null), (a.Status, a.ErrorCount, a.ErrorMessage, a.FileId, a.UpdatedAt));
        var b = files.Single(f => f.UniqueExternalId == "b");
        Assert.Equal((2, "f-1", (DateTimeOffset?)T1, (DateTimeOffset?)null), (b.ErrorCount, b.FileId, b.CreatedAt, b.UpdatedAt));
    }

    [Fact]
    public async Task A_damaged_data_file_is_an_error_naming_it()
    {
        var path = Path.Combine(_folder.Path, "connector-data.json");
        System.IO.File.WriteAllText(path, """{"values":[""");
        using var store = new JsonFileStore(_folder.Path);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => store.GetValuesAsync(null, default));

        Assert.StartsWith($"The connector data file '{path}' is not valid JSON: ", error.Message);
        Assert.Equal(path, store.FilePath);
    }

    [Fact]
    public async Task The_data_directory_is_made_on_the_first_save()
    {
        var directory = Path.Combine(_folder.Path, "not", "yet");
        using var store = new JsonFileStore(directory);

        Assert.Empty(await store.GetValuesAsync(null, default));
        await store.SaveValuesAsync([new StoredValue("k", "v", false)], default);

        Assert.Equal(["connector-data.json"], Directory.GetFiles(directory).Select(Path.GetFileName));
    }

    public void Dispose() => _folder.Dispose();

    private static ConnectorFile File(string id, ConnectorFileStatus status = ConnectorFileStatus.Pending) => new(id, "/in/" + id, status);

    private static string[] Ids(System.Collections.Generic.IEnumerable<ConnectorFile> files) => files.Select(f => f.UniqueExternalId).ToArray();
}
