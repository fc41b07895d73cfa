using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using Connectors.Execution.Tests.Infrastructure;
using Xunit;

namespace Connectors.Execution.Tests;

/// <summary>
/// put_file and get_file as every connection keeps them: streamed, through a temporary file and an atomic rename,
/// nothing left behind, the old file kept when a transfer fails. Run on this machine and over SSH (SFTP).
/// </summary>
public abstract class FileTransferContractTests : IAsyncLifetime
{
    protected IHostConnection Host { get; private set; } = null!;

    /// <summary>A fresh folder on the host, owned by the connection's user.</summary>
    protected string Folder { get; } = $"/tmp/connectors-files-{Guid.NewGuid():N}";

    public async Task InitializeAsync()
    {
        Host = await ConnectAsync();
        await RunAsync($"mkdir -p {Folder}");
    }

    public async Task DisposeAsync()
    {
        await Host.RunAsync(new ShellCommand($"rm -rf {Folder}"));
        await Host.DisposeAsync();
    }

    protected abstract Task<IHostConnection> ConnectAsync();

    [Fact]
    public async Task Put_then_get_round_trips_the_bytes()
    {
        var bytes = RandomNumberGenerator.GetBytes(300_000);
        var path = $"{Folder}/data.bin";

        var put = await Host.PutFileAsync(new MemoryStream(bytes), path);
        var copy = new MemoryStream();
        var get = await Host.GetFileAsync(path, copy);

        var sha = Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant();
        Assert.Equal(new FileTransferResult(path, bytes.Length, sha), put);
        Assert.Equal(put, get);
        Assert.Equal(bytes, copy.ToArray());
    }

    [Fact]
    public async Task Put_replaces_an_existing_file_and_leaves_no_temporary_file()
    {
        var path = $"{Folder}/config.txt";
        await Host.PutFileAsync(Text("old\n"), path);

        await Host.PutFileAsync(Text("new\n"), path);

        Assert.Equal(["new"], await RunAsync($"cat {path}"));
        Assert.Equal(["config.txt"], await RunAsync($"ls -A {Folder}"));
    }

    [Fact]
    public async Task Put_sets_the_mode()
    {
        var path = $"{Folder}/secret.txt";

        await Host.PutFileAsync(Text("x"), path, new PutFileOptions { Mode = "0600" });

        Assert.Equal(["600"], await RunAsync($"stat -c %a {path}"));
    }

    [Fact]
    public async Task A_file_given_a_mode_has_it_while_it_is_still_being_written()
    {
        var path = $"{Folder}/private.key";
        var source = TestStreams.Gated();

        var put = Host.PutFileAsync(source, path, new PutFileOptions { Mode = "600" });
        await source.Waiting.WaitAsync(TimeSpan.FromSeconds(30));
        var during = await RunAsync($"stat -c %a {Folder}/.private.key.*.tmp");
        source.Release();
        await put;

        Assert.Equal(["600"], during);
        Assert.Equal(["600 2000"], await RunAsync($"stat -c '%a %s' {path}"));
    }

    [Fact]
    public async Task Put_writes_an_empty_file()
    {
        var path = $"{Folder}/empty";

        var result = await Host.PutFileAsync(new MemoryStream(), path);

        Assert.Equal(0, result.Bytes);
        Assert.Equal(["0"], await RunAsync($"stat -c %s {path}"));
    }

    [Fact]
    public async Task A_source_that_breaks_off_leaves_the_old_file_and_no_temporary_file()
    {
        var path = $"{Folder}/kept.txt";
        await Host.PutFileAsync(Text("kept\n"), path);

        await Assert.ThrowsAsync<FileTransferException>(() => Host.PutFileAsync(TestStreams.Failing(200_000), path));

        Assert.Equal(["kept"], await RunAsync($"cat {path}"));
        Assert.Equal(["kept.txt"], await RunAsync($"ls -A {Folder}"));
    }

    [Fact]
    public async Task Put_into_a_missing_folder_names_the_path_and_the_host()
    {
        var path = $"{Folder}/no/such/file.txt";

        var error = await Assert.ThrowsAsync<FileTransferException>(() => Host.PutFileAsync(Text("x"), path));

        Assert.StartsWith($"Cannot write '{path}' on {Host.Host}: ", error.Message);
    }

    [Fact]
    public async Task Get_of_a_missing_file_names_the_path_and_the_host()
    {
        var path = $"{Folder}/missing.txt";

        var error = await Assert.ThrowsAsync<FileTransferException>(() => Host.GetFileAsync(path, new MemoryStream()));

        Assert.StartsWith($"Cannot read '{path}' on {Host.Host}: ", error.Message);
    }

    [Fact]
    public async Task Local_files_travel_both_ways_and_a_download_replaces_its_target_only_when_whole()
    {
        using var local = new LocalFolder();
        var source = local.Write("upload.bin", RandomNumberGenerator.GetBytes(100_000));
        var target = Path.Combine(local.Path, "download.bin");
        var path = $"{Folder}/upload.bin";

        var put = await Host.PutFileAsync(source, path);
        var get = await Host.GetFileAsync(path, target);
        File.WriteAllText(target + ".keep", "keep");
        await Assert.ThrowsAsync<FileTransferException>(() => Host.GetFileAsync($"{Folder}/missing", target + ".keep"));

        Assert.Equal(put.Sha256, get.Sha256);
        Assert.Equal(File.ReadAllBytes(source), File.ReadAllBytes(target));
        Assert.Equal("keep", File.ReadAllText(target + ".keep"));
        Assert.Equal(["download.bin", "download.bin.keep", "upload.bin"], Directory.GetFiles(local.Path).Select(Path.GetFileName).Order());
    }

    protected async Task<string[]> RunAsync(string command)
    {
        var outcome = await Host.RunAsync(new ShellCommand(command));
        Assert.True(outcome.Success, $"{command}: {string.Join("\n", outcome.Stderr)}");
        return outcome.Stdout.ToArray();
    }

    protected static MemoryStream Text(string text) => new(Encoding.UTF8.GetBytes(text));

    /// <summary>A folder on the test machine (the connector's side).</summary>
    protected sealed class LocalFolder : IDisposable
    {
        public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"connectors-local-{Guid.NewGuid():N}");

        public LocalFolder() => Directory.CreateDirectory(Path);

        public string Write(string name, byte[] bytes)
        {
            var file = System.IO.Path.Combine(Path, name);
            File.WriteAllBytes(file, bytes);
            return file;
        }

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}

/// <summary>The file contract on this machine.</summary>
public sealed class LocalFileTransferTests : FileTransferContractTests
{
    protected override async Task<IHostConnection> ConnectAsync()
    {
        var local = new LocalHostConnection();
        await local.ConnectAsync();
        return local;
    }
}

/// <summary>The file contract over SFTP.</summary>
[Collection(SshHostsCollection.Name)]
public sealed class SshFileTransferTests(SshHostsFixture hosts) : FileTransferContractTests
{
    protected override async Task<IHostConnection> ConnectAsync() => await hosts.ConnectAsync(hosts.First);

    [Fact]
    public async Task Sudo_writes_where_the_user_cannot_with_owner_group_and_mode()
    {
        var folder = $"/tmp/connectors-root-{Guid.NewGuid():N}";
        var sudo = new ShellCommand($"mkdir -m 755 {folder}") { Sudo = true, SudoPassword = hosts.Servers.Password };
        Assert.True((await Host.RunAsync(sudo)).Success);
        var path = $"{folder}/app.conf";
        try
        {
            await Assert.ThrowsAsync<FileTransferException>(() => Host.PutFileAsync(Text("plain\n"), path));

            var put = await Host.PutFileAsync(Text("setting=1\n"), path, new PutFileOptions
            {
                Sudo = true,
                SudoPassword = hosts.Servers.Password,
                Owner = "connectors-plain",
                Group = "root",
                Mode = "640",
            });

            Assert.Equal(10, put.Bytes);
            Assert.Equal(["connectors-plain root 640 10"], await RunAsync($"stat -c '%U %G %a %s' {path}"));
            Assert.Equal(["app.conf"], await RunAsync($"ls -A {folder}"));
        }
        finally
        {
            await Host.RunAsync(new ShellCommand($"rm -rf {folder}") { Sudo = true, SudoPassword = hosts.Servers.Password });
        }
    }

    [Fact]
    public async Task Sudo_reads_a_file_only_root_can_read()
    {
        var path = $"{Folder}/root-only";
        await Host.PutFileAsync(Text("classified\n"), path, new PutFileOptions { Sudo = true, SudoPassword = hosts.Servers.Password, Owner = "root", Mode = "600" });

        var plain = await Assert.ThrowsAsync<FileTransferException>(() => Host.GetFileAsync(path, new MemoryStream()));
        var copy = new MemoryStream();
        var read = await Host.GetFileAsync(path, copy, new GetFileOptions { Sudo = true, SudoPassword = hosts.Servers.Password });

        Assert.Contains("ermission denied", plain.Message);
        Assert.Equal("classified\n", Encoding.UTF8.GetString(copy.ToArray()));
        Assert.Equal(11, read.Bytes);
        await Host.RunAsync(new ShellCommand($"rm -f {path}") { Sudo = true, SudoPassword = hosts.Servers.Password });
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_sudo_source_that_breaks_off_leaves_the_old_file(bool seekable)
    {
        var path = $"{Folder}/kept-by-root.txt";
        await Host.PutFileAsync(Text("kept\n"), path);

        await Assert.ThrowsAsync<FileTransferException>(() =>
            Host.PutFileAsync(TestStreams.Failing(200_000, seekable), path, new PutFileOptions { Sudo = true, SudoPassword = hosts.Servers.Password }));

        Assert.Equal(["kept"], await RunAsync($"cat {path}"));
        Assert.Equal(["kept-by-root.txt"], await RunAsync($"ls -A {Folder}"));
    }

    [Fact]
    public async Task A_hundred_megabytes_round_trip_streamed()
    {
        const long size = 100L * 1024 * 1024;
        var path = $"{Folder}/large.bin";

        var put = await Host.PutFileAsync(TestStreams.Generated(size), path);
        var get = await Host.GetFileAsync(path, Stream.Null);

        var expected = TestStreams.Sha256(size);
        Assert.Equal((size, expected), (put.Bytes, put.Sha256));
        Assert.Equal((size, expected), (get.Bytes, get.Sha256));
    }
}
