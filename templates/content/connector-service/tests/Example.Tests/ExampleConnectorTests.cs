using Example;

namespace Example.Tests;

public sealed class ExampleConnectorTests : IDisposable
{
    private readonly string _inbox = Directory.CreateTempSubdirectory("inbox-").FullName;

    [Fact]
    public void Check_succeeds_when_the_inbox_folder_exists()
    {
        var result = new ExampleConnector { InboxFolder = _inbox }.Check();

        Assert.True(result.Succeeded, result.Message);
    }

    [Fact]
    public void Check_fails_when_the_inbox_folder_is_missing()
    {
        var result = new ExampleConnector { InboxFolder = Path.Combine(_inbox, "missing") }.Check();

        Assert.False(result.Succeeded);
    }

    [Fact]
    public void Files_lists_the_inbox_in_name_order_without_files_still_being_written()
    {
        File.WriteAllText(Path.Combine(_inbox, "b.txt"), "bb");
        File.WriteAllText(Path.Combine(_inbox, "a.txt"), "a");
        File.WriteAllText(Path.Combine(_inbox, ".c.txt.part"), "");

        var files = new ExampleConnector { InboxFolder = _inbox }.Files().ToList();

        Assert.Equal(["a.txt", "b.txt"], files.Select(f => f.Name));
        Assert.Equal([1L, 2L], files.Select(f => f.Bytes));
    }

    public void Dispose() => Directory.Delete(_inbox, recursive: true);
}
