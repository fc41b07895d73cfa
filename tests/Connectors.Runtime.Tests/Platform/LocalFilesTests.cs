using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
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

    public void Dispose() => _folder.Dispose();
}
