using Example;

namespace Example.Tests;

public class ExampleSourceTests
{
    [Fact]
    public void Check_succeeds_with_the_default_configuration()
    {
        var result = new ExampleSource().Check();

        Assert.True(result.Succeeded, result.Message);
    }

    [Fact]
    public void ExampleStream_emits_count_records_in_id_order()
    {
        var records = new ExampleSource { Count = 3 }.ExampleStream(since: null, CancellationToken.None).ToList();

        Assert.Equal([1, 2, 3], records.Select(r => r.Id));
    }

    [Fact]
    public void ExampleStream_resumes_after_the_saved_cursor()
    {
        var source = new ExampleSource { Count = 5 };
        var firstSync = source.ExampleStream(since: null, CancellationToken.None).ToList();

        var nextSync = source.ExampleStream(since: firstSync[2].UpdatedAt, CancellationToken.None).ToList();

        Assert.Equal([4, 5], nextSync.Select(r => r.Id));
    }
}
