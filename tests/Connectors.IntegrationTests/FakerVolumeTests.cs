using System.Linq;
using System.Threading.Tasks;
using Connectors.IntegrationTests.Infrastructure;
using Xunit;

namespace Connectors.IntegrationTests;

/// <summary>A large read arrives whole: every record once, counted right, the stream complete.</summary>
public class FakerVolumeTests
{
    [Fact]
    public async Task Read_of_200000_users_emits_every_user_once_and_counts_them_all()
    {
        const int count = 200_000;
        var config = TestFiles.Json("config", new { count, seed = 7, records_per_slice = 10_000 });
        var catalog = await Connector.Faker.CatalogAsync("full_refresh", "users");

        var run = await Connector.Faker.RunAsync("read", "--config", config, "--catalog", catalog);

        Assert.True(run.ExitCode == 0, run.Describe());
        var ids = run.Records("users").Select(r => r.GetProperty("data").GetProperty("id").GetInt64()).ToList();
        Assert.Equal(count, ids.Count);
        Assert.Equal(Enumerable.Range(1, count).Select(i => (long)i), ids.Order());
        Assert.Equal(count, run.States("users").Sum(s => s.GetProperty("sourceStats").GetProperty("recordCount").GetDouble()));
        Assert.Equal(["STARTED", "RUNNING", "COMPLETE"], run.Statuses("users"));
    }
}
