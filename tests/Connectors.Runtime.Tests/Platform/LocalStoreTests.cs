using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Connectors.Runtime.Platform;
using Connectors.Runtime.Secrets;
using Connectors.Runtime.Tests.Support;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Connectors.Runtime.Tests.Platform;

public sealed class LocalStoreTests : IDisposable
{
    private const string Secret = "tok-3c1d-very-secret";
    private readonly TempDir _folder = new();

    [Fact]
    public async Task Values_survive_a_new_store_on_the_same_directory_and_are_read_by_key()
    {
        using (var store = new LocalStore(_folder.Path, null, new SecretMasker()))
        {
            await store.SaveAsync([ConnectorValue.Of("last_file", "a.json"), new("cursor", Json("""{"at":"2024-05-01","n":3}"""))]);
            await store.SaveAsync("last_file", "b.json");
        }

        using var reopened = new LocalStore(_folder.Path, null, new SecretMasker());
        var values = await reopened.GetAsync(["last_file", "missing", "cursor"]);

        Assert.Equal(["cursor", "last_file"], values.Select(v => v.Key));
        Assert.Equal("b.json", values[1].Text);
        Assert.Equal("""{"at":"2024-05-01","n":3}""", values[0].Value.GetRawText());
        Assert.Equal(2, (await reopened.GetAsync()).Count);
        Assert.Null(await reopened.GetValueAsync("missing"));
    }

    [Fact]
    public async Task A_secure_value_is_encrypted_on_disk_masked_from_then_on_and_hidden_by_ToString()
    {
        var masker = new SecretMasker();
        using (var store = new LocalStore(_folder.Path, null, masker))
        {
            await store.SaveAsync("token", Secret, secure: true);
        }
        Assert.Equal("a **** b", masker.Apply($"a {Secret} b"));
        foreach (var file in Directory.GetFiles(_folder.Path))
        {
            Assert.DoesNotContain(Secret, Encoding.UTF8.GetString(File.ReadAllBytes(file)));
        }

        var fresh = new SecretMasker();
        using var reopened = new LocalStore(_folder.Path, null, fresh);
        var value = (await reopened.GetValueAsync("token"))!;

        Assert.Equal(Secret, value.Text);
        Assert.True(value.Secure);
        Assert.DoesNotContain(Secret, value.ToString());
        Assert.Equal("****", fresh.Apply(Secret));
    }

    [Fact]
    public async Task The_key_file_is_owner_only_and_another_key_cannot_open_secure_values()
    {
        using (var store = new LocalStore(_folder.Path, null, new SecretMasker()))
        {
            await store.SaveAsync("token", Secret, secure: true);
        }
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_folder.Path, "connector.key")));
        }

        using var wrongKey = new LocalStore(_folder.Path, Convert.ToBase64String(new byte[32]), new SecretMasker());
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => wrongKey.GetAsync(["token"]));
        Assert.Equal("A secure connector value could not be decrypted: the data key is not the one it was saved with.", error.Message);
    }

    [Fact]
    public async Task A_data_key_that_is_not_32_bytes_of_base64_is_refused_with_how_to_make_one()
    {
        using var store = new LocalStore(_folder.Path, "c2hvcnQ=", new SecretMasker());
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => store.SaveAsync("token", Secret, secure: true));
        Assert.Equal("CONNECTOR_DATA_KEY must be 32 bytes in base64, got 5 bytes.", error.Message);
    }

    [Fact]
    public async Task File_records_are_saved_and_read_in_batches_filtered_by_status_and_ids()
    {
        using var store = new LocalStore(_folder.Path, null, new SecretMasker());
        var files = Enumerable.Range(0, LocalStore.BatchSize * 2 + 7)
            .Select(i => new ConnectorFile($"id-{i:D4}", $"/data/{i}.json", i % 3 == 0 ? ConnectorFileStatus.Error : ConnectorFileStatus.Success))
            .ToList();

        var saved = await store.SaveFilesAsync(files, default);
        await store.SaveFilesAsync([files[1] with { Status = ConnectorFileStatus.Error, ErrorCount = 2, ErrorMessage = "parse failed" }], default);

        Assert.Equal(files.Count, saved.Count);
        Assert.All(saved, f => Assert.NotNull(f.CreatedAt));
        Assert.Equal(files.Count, (await store.GetFilesAsync(null, default)).Count);
        var errors = await store.GetFilesAsync(new ConnectorFileQuery { Statuses = [ConnectorFileStatus.Error] }, default);
        Assert.Equal(files.Count(f => f.Status == ConnectorFileStatus.Error) + 1, errors.Count);
        var byId = await store.GetFilesAsync(new ConnectorFileQuery { Ids = files.Select(f => f.UniqueExternalId).Append("nope").ToList() }, default);
        Assert.Equal(files.Count, byId.Count);
        var one = Assert.Single(await store.GetFilesAsync(new ConnectorFileQuery { Ids = ["id-0001"] }, default));
        Assert.Equal((ConnectorFileStatus.Error, 2, "parse failed"), (one.Status, one.ErrorCount, one.ErrorMessage));
        Assert.Equal(5, (await store.GetFilesAsync(new ConnectorFileQuery { Limit = 5 }, default)).Count);
    }

    [Fact]
    public async Task By_default_everything_is_in_one_JSON_file_and_the_runtime_carries_no_SQLite()
    {
        using (var store = new LocalStore(_folder.Path, null, new SecretMasker()))
        {
            await store.SaveAsync("last_file", "a.json");
            await store.SaveFilesAsync([new ConnectorFile("f-1", "/data/1.json", ConnectorFileStatus.Pending)], default);
        }

        Assert.Equal(["connector-data.json"], Directory.GetFiles(_folder.Path).Select(Path.GetFileName));
        Assert.DoesNotContain(typeof(LocalStore).Assembly.GetReferencedAssemblies(), a => a.Name!.Contains("Sqlite", StringComparison.OrdinalIgnoreCase));
        using var reopened = new LocalStore(_folder.Path, null, new SecretMasker());
        Assert.Equal("a.json", (await reopened.GetValueAsync("last_file"))!.Text);
        Assert.Equal("f-1", Assert.Single(await reopened.GetFilesAsync(null, default)).UniqueExternalId);
    }

    [Fact]
    public async Task A_save_replaces_the_file_whole_so_a_stale_temporary_file_changes_nothing()
    {
        File.WriteAllText(Path.Combine(_folder.Path, "connector-data.json.tmp"), "half a fi");
        using (var store = new LocalStore(_folder.Path, null, new SecretMasker()))
        {
            await store.SaveAsync("k", "v");
        }

        Assert.False(File.Exists(Path.Combine(_folder.Path, "connector-data.json.tmp")));
        using var reopened = new LocalStore(_folder.Path, null, new SecretMasker());
        Assert.Equal("v", (await reopened.GetValueAsync("k"))!.Text);
    }

    [Fact]
    public async Task On_the_JSON_store_the_first_use_says_once_where_the_data_is_and_which_package_brings_SQLite()
    {
        var log = new ListLogger();
        using var store = new LocalStore(_folder.Path, null, new SecretMasker(), log: log);
        Assert.Empty(log.Entries);

        await store.SaveAsync("last_file", "a.json");
        await store.GetAsync();
        await store.SaveFilesAsync([new ConnectorFile("a", "/in/a", ConnectorFileStatus.Success)], default);

        var (level, message, _) = Assert.Single(log.Entries);
        Assert.Equal(LogLevel.Information, level);
        Assert.Contains(Path.Combine(_folder.Path, "connector-data.json"), message);
        Assert.Contains("Connectors.Platform.Sqlite", message);
    }

    public void Dispose() => _folder.Dispose();

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();
}
