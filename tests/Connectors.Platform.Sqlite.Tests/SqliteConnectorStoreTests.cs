using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Connectors.Runtime.Platform;
using Connectors.Runtime.Secrets;
using Xunit;

namespace Connectors.Platform.Sqlite.Tests;

/// <summary>The local connector data and file records over SQLite, as a connector that references the package gets them.</summary>
public sealed class SqliteConnectorStoreTests : IDisposable
{
    private const string Secret = "tok-3c1d-very-secret";
    private readonly string _folder = Directory.CreateTempSubdirectory("connectors-sqlite-").FullName;

    [Fact]
    public async Task Referencing_the_package_makes_SQLite_the_local_store()
    {
        // No store given: the one ConnectorStores chose, which the package's module initializer set before this test ran.
        using (var store = new LocalStore(_folder, null, new SecretMasker()))
        {
            await store.SaveAsync("last_file", "a.json");
        }

        Assert.True(File.Exists(Path.Combine(_folder, "connector.db")));
        Assert.False(File.Exists(Path.Combine(_folder, "connector-data.json")));
    }

    [Fact]
    public async Task Values_and_file_records_survive_a_reopen_and_a_secure_value_never_reaches_the_file_in_clear()
    {
        using (var store = Open())
        {
            await store.SaveAsync([ConnectorValue.Of("last_file", "a.json"), ConnectorValue.Of("token", Secret, secure: true)]);
            await store.SaveAsync("last_file", "b.json");
            await store.SaveFilesAsync([new ConnectorFile("f-1", "/data/1.json", ConnectorFileStatus.Pending)], default);
        }
        foreach (var file in Directory.GetFiles(_folder))
        {
            Assert.DoesNotContain(Secret, Encoding.UTF8.GetString(File.ReadAllBytes(file)));
        }

        using var reopened = Open();
        var values = await reopened.GetAsync(["token", "last_file", "missing"]);
        Assert.Equal(["last_file", "token"], values.Select(v => v.Key));
        Assert.Equal(("b.json", Secret, true), (values[0].Text, values[1].Text, values[1].Secure));
        var record = Assert.Single(await reopened.GetFilesAsync(null, default));
        Assert.Equal(("f-1", ConnectorFileStatus.Pending), (record.UniqueExternalId, record.Status));
        Assert.NotNull(record.CreatedAt);
    }

    [Fact]
    public async Task File_records_are_saved_and_read_in_batches_filtered_by_status_and_ids()
    {
        using var store = Open();
        var files = Enumerable.Range(0, SqliteConnectorStore.BatchSize * 2 + 7)
            .Select(i => new ConnectorFile($"id-{i:D4}", $"/data/{i}.json", i % 3 == 0 ? ConnectorFileStatus.Error : ConnectorFileStatus.Success))
            .ToList();

        var saved = await store.SaveFilesAsync(files, default);
        var updated = Assert.Single(await store.SaveFilesAsync([files[1] with { Status = ConnectorFileStatus.Error, ErrorCount = 2, ErrorMessage = "parse failed" }], default));

        Assert.Equal(files.Count, saved.Count);
        Assert.Equal(saved[1].CreatedAt, updated.CreatedAt);
        var errors = await store.GetFilesAsync(new ConnectorFileQuery { Statuses = [ConnectorFileStatus.Error] }, default);
        Assert.Equal(files.Count(f => f.Status == ConnectorFileStatus.Error) + 1, errors.Count);
        var byId = await store.GetFilesAsync(new ConnectorFileQuery { Ids = files.Select(f => f.UniqueExternalId).Append("nope").ToList() }, default);
        Assert.Equal(files.Count, byId.Count);
        Assert.Equal((ConnectorFileStatus.Error, 2, "parse failed"), (updated.Status, updated.ErrorCount, updated.ErrorMessage));
        var oldest = await store.GetFilesAsync(new ConnectorFileQuery { Limit = 5 }, default);
        Assert.Equal(5, oldest.Count);
        Assert.DoesNotContain(oldest, f => f.UniqueExternalId == "id-0001");
    }

    private LocalStore Open() => new(_folder, null, new SecretMasker(), directory => new SqliteConnectorStore(directory));

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
