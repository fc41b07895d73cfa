using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Text.Json;
using System.Threading.Tasks;
using Connectors.Runtime.Platform;
using Connectors.Runtime.Tests.Support;
using Xunit;

namespace Connectors.Runtime.Tests.Platform;

public sealed class LocalFilesTests : IDisposable
{
    private readonly TempDir _folder = new();

    [Fact]
    public async Task A_handed_off_file_lands_in_the_outbox_with_its_metadata_and_is_reported()
    {
        var reporter = new RecordingReporter();
        await using var services = TestPlatform.Create(_folder.Path, reporter);
        var source = _folder.Write("result.json", """{"value":5.5}""");

        var file = await services.Files.UploadFileAsync(FileUpload.FromPath("instrument-1/result.json", source) with
        {
            DestinationId = "lake",
            ContentType = "application/json",
            Metadata = new Dictionary<string, string> { ["sample_id"] = "S-1" },
        });

        var landed = Path.Combine(_folder.Path, "outbox", "lake", "instrument-1", "result.json");
        Assert.Equal(landed, file.Location);
        Assert.Equal("""{"value":5.5}""", File.ReadAllText(landed));
        Assert.Equal(13, file.Bytes);
        Assert.Equal("application/json", file.ContentType);
        Assert.Equal("instrument-1/result.json", file.TargetName);
        Assert.Equal(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(source))).ToLowerInvariant(), file.Sha256);
        using var metadata = JsonDocument.Parse(File.ReadAllText(landed + ".metadata.json"));
        Assert.Equal("S-1", metadata.RootElement.GetProperty("metadata").GetProperty("sample_id").GetString());
        Assert.Equal("lake", metadata.RootElement.GetProperty("destinationId").GetString());
        Assert.Equal(file, Assert.Single(reporter.Reports));
        Assert.False(File.Exists(landed + ".part"));
    }

    [Theory]
    [InlineData("../escape.json")]
    [InlineData("/etc/passwd")]
    [InlineData("a/./b")]
    [InlineData("")]
    public async Task A_target_name_that_leaves_the_outbox_is_refused(string name)
    {
        await using var services = TestPlatform.Create(_folder.Path);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => services.Files.UploadFileAsync(FileUpload.FromBytes(name, [1])));

        Assert.StartsWith($"The file's target name '{name}' must be a relative path", error.Message);
    }

    [Fact]
    public async Task A_file_without_a_destination_or_content_type_goes_to_the_default_destination_as_octet_stream()
    {
        await using var services = TestPlatform.Create(_folder.Path);

        var file = await services.Files.UploadFileAsync(FileUpload.FromBytes("raw.bin", [1, 2, 3]));

        Assert.Equal(Path.Combine(_folder.Path, "outbox", "default", "raw.bin"), file.Location);
        Assert.Null(file.DestinationId);
        Assert.Equal("application/octet-stream", file.ContentType);
        Assert.Equal([1, 2, 3], File.ReadAllBytes(file.Location));
    }

    [Theory]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("lake/raw")]
    [InlineData("/lake")]
    [InlineData("lake\\raw")]
    [InlineData("\\lake")]
    public async Task A_destination_id_that_would_name_another_folder_is_refused_and_nothing_is_written(string destination)
    {
        var reporter = new RecordingReporter();
        await using var services = TestPlatform.Create(_folder.Path, reporter);

        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            services.Files.UploadFileAsync(FileUpload.FromBytes("raw.bin", [1]) with { DestinationId = destination }));

        Assert.Equal($"The destination id '{destination}' cannot name a folder. (Parameter 'upload')", error.Message);
        Assert.False(Directory.Exists(Path.Combine(_folder.Path, "outbox")));
        Assert.Empty(reporter.Reports);
    }

    [Theory]
    [InlineData("lake.v2")]
    [InlineData("..lake")]
    public async Task A_destination_id_with_dots_that_names_no_other_folder_is_taken(string destination)
    {
        await using var services = TestPlatform.Create(_folder.Path);

        var file = await services.Files.UploadFileAsync(FileUpload.FromBytes("raw.bin", [1]) with { DestinationId = destination });

        Assert.Equal(Path.Combine(_folder.Path, "outbox", destination, "raw.bin"), file.Location);
    }

    [Fact]
    public async Task A_second_file_of_the_same_name_replaces_the_first_and_its_metadata()
    {
        await using var services = TestPlatform.Create(_folder.Path);
        await services.Files.UploadFileAsync(FileUpload.FromBytes("result.json", "first"u8.ToArray()));

        var second = await services.Files.UploadFileAsync(FileUpload.FromBytes("result.json", "second!"u8.ToArray()));

        Assert.Equal("second!", File.ReadAllText(second.Location));
        using var metadata = JsonDocument.Parse(File.ReadAllText(second.Location + ".metadata.json"));
        Assert.Equal(second.Sha256, metadata.RootElement.GetProperty("sha256").GetString());
        Assert.Equal(["result.json", "result.json.metadata.json"], Directory.GetFiles(Path.GetDirectoryName(second.Location)!).Select(Path.GetFileName).Order());
    }

    [Fact]
    public async Task A_cancelled_hand_off_keeps_the_file_already_there_leaves_no_part_file_and_is_not_reported()
    {
        var reporter = new RecordingReporter();
        await using var services = TestPlatform.Create(_folder.Path, reporter);
        var first = await services.Files.UploadFileAsync(FileUpload.FromBytes("result.json", "first"u8.ToArray()));
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            services.Files.UploadFileAsync(FileUpload.FromBytes("result.json", "second"u8.ToArray()), cancelled.Token));

        Assert.Equal("first", File.ReadAllText(first.Location));
        Assert.Equal(["result.json", "result.json.metadata.json"], Directory.GetFiles(Path.GetDirectoryName(first.Location)!).Select(Path.GetFileName).Order());
        Assert.Equal(first, Assert.Single(reporter.Reports));
    }

    [Fact]
    public async Task The_metadata_file_is_indented_for_people_reading_the_outbox()
    {
        await using var services = TestPlatform.Create(_folder.Path);

        var file = await services.Files.UploadFileAsync(FileUpload.FromBytes("raw.bin", [1]));

        var lines = File.ReadAllLines(file.Location + ".metadata.json");
        Assert.Equal("{", lines[0]);
        Assert.StartsWith("  \"", lines[1]);
    }

    public void Dispose() => _folder.Dispose();
}
