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

    [Fact]
    public async Task Every_string_and_every_long_number_inside_a_secure_value_is_masked_and_nothing_of_a_plain_one()
    {
        const string Value = """{"user":"svc-account-7","pins":[123456789012,42],"more":{"tokens":["tok-aaaa-bbbb"]},"on":true,"none":null}""";
        var masker = new SecretMasker();
        using (var store = new LocalStore(_folder.Path, null, masker))
        {
            await store.SaveAsync([new("creds", Json(Value), Secure: true), new("public", Json("""{"name":"plain-value-1"}"""))]);
        }
        var fresh = new SecretMasker();
        using var reopened = new LocalStore(_folder.Path, null, fresh);
        await reopened.GetAsync();

        foreach (var learned in new[] { masker, fresh })
        {
            Assert.Equal("**** **** pin 42 **** plain-value-1", learned.Apply("svc-account-7 123456789012 pin 42 tok-aaaa-bbbb plain-value-1"));
        }
    }

    [Fact]
    public async Task A_value_without_a_key_or_a_file_without_an_id_is_refused_before_the_store_is_opened()
    {
        var opened = 0;
        using var store = new LocalStore(_folder.Path, null, new SecretMasker(), _ => { opened++; return new FakeStore(); });

        var value = await Assert.ThrowsAsync<ArgumentException>(() => store.SaveAsync([ConnectorValue.Of("ok", "1"), ConnectorValue.Of("", "2")]));
        var file = await Assert.ThrowsAsync<ArgumentException>(() => store.SaveFilesAsync([new ConnectorFile("", "/data/x", ConnectorFileStatus.Pending)], default));

        Assert.StartsWith("A connector value needs a non-empty key.", value.Message);
        Assert.StartsWith("A connector file needs a non-empty unique external id.", file.Message);
        Assert.Equal(0, opened);
    }

    [Fact]
    public async Task The_store_is_opened_once_on_first_use_for_the_directory_and_disposed_with_it()
    {
        var fake = new FakeStore();
        var opened = new System.Collections.Generic.List<string>();
        var store = new LocalStore(_folder.Path, null, new SecretMasker(), directory => { opened.Add(directory); return fake; });
        Assert.Empty(opened);

        await store.SaveAsync("a", "1");
        await store.GetAsync(["a", "a", "b"]);
        store.Dispose();

        Assert.Equal([_folder.Path], opened);
        Assert.True(fake.Disposed);
        Assert.Equal(["a", "b"], fake.AskedFor);
    }

    [Fact]
    public async Task Values_come_back_in_ordinal_key_order_whatever_order_the_store_keeps()
    {
        var fake = new FakeStore();
        using var store = new LocalStore(_folder.Path, null, new SecretMasker(), _ => fake);
        await store.SaveAsync([ConnectorValue.Of("b", "2"), ConnectorValue.Of("a", "1"), ConnectorValue.Of("B", "3")]);

        var values = await store.GetAsync();

        Assert.Equal(["B", "a", "b"], values.Select(v => v.Key));
    }

    [Fact]
    public async Task Operations_run_one_at_a_time()
    {
        var fake = new FakeStore { Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        using var store = new LocalStore(_folder.Path, null, new SecretMasker(), _ => fake);

        var first = store.SaveAsync("a", "1");
        var second = store.SaveAsync("b", "2");
        await fake.Entered.Task.WaitAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(1, fake.Calls);
        fake.Gate.SetResult();
        await Task.WhenAll(first, second).WaitAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(2, fake.Calls);
        Assert.Equal(1, fake.MostAtOnce);
    }

    [Theory]
    [InlineData(ConnectorFileStatus.Pending, "PENDING")]
    [InlineData(ConnectorFileStatus.Processing, "PROCESSING")]
    [InlineData(ConnectorFileStatus.Success, "SUCCESS")]
    [InlineData(ConnectorFileStatus.Error, "ERROR")]
    [InlineData(ConnectorFileStatus.Skipped, "SKIPPED")]
    public void File_statuses_have_their_wire_names(ConnectorFileStatus status, string text)
    {
        Assert.Equal(text, LocalStore.FileStatusText(status));
        Assert.Equal(status, LocalStore.ParseFileStatus(text));
    }

    [Fact]
    public void An_unknown_file_status_is_an_error_naming_it()
    {
        var error = Assert.Throws<InvalidOperationException>(() => LocalStore.ParseFileStatus("pending"));
        Assert.Equal("Unknown connector file status 'pending'.", error.Message);
    }

    /// <summary>A store in memory that keeps values in reverse key order and notes how it is called.</summary>
    private sealed class FakeStore : IConnectorStore
    {
        private readonly System.Collections.Generic.Dictionary<string, StoredValue> _values = new();
        private int _inside;

        public TaskCompletionSource? Gate { get; init; }

        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Calls { get; private set; }

        public int MostAtOnce { get; private set; }

        public bool Disposed { get; private set; }

        public System.Collections.Generic.IReadOnlyList<string>? AskedFor { get; private set; }

        public async Task SaveValuesAsync(System.Collections.Generic.IReadOnlyList<StoredValue> values, System.Threading.CancellationToken cancellationToken)
        {
            MostAtOnce = Math.Max(MostAtOnce, System.Threading.Interlocked.Increment(ref _inside));
            Calls++;
            Entered.TrySetResult();
            if (Gate is not null)
            {
                await Gate.Task;
            }
            foreach (var value in values)
            {
                _values[value.Key] = value;
            }
            System.Threading.Interlocked.Decrement(ref _inside);
        }

        public Task<System.Collections.Generic.IReadOnlyList<StoredValue>> GetValuesAsync(System.Collections.Generic.IReadOnlyList<string>? keys,
            System.Threading.CancellationToken cancellationToken)
        {
            AskedFor = keys;
            System.Collections.Generic.IReadOnlyList<StoredValue> found = _values.Values.Where(v => keys is null || keys.Contains(v.Key))
                .OrderByDescending(v => v.Key, StringComparer.Ordinal).ToList();
            return Task.FromResult(found);
        }

        public Task SaveFilesAsync(System.Collections.Generic.IReadOnlyList<ConnectorFile> files, DateTimeOffset at, System.Threading.CancellationToken cancellationToken) =>
            Task.CompletedTask;

        public Task<System.Collections.Generic.IReadOnlyList<ConnectorFile>> GetFilesAsync(ConnectorFileQuery query, System.Threading.CancellationToken cancellationToken) =>
            Task.FromResult<System.Collections.Generic.IReadOnlyList<ConnectorFile>>([]);

        public void Dispose() => Disposed = true;
    }

    public void Dispose() => _folder.Dispose();

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();
}
