using System.IO;
using System.Text.Json;
using System.Threading.Tasks;
using Xunit;

namespace Connectors.IntegrationTests.Packaging;

/// <summary>
/// The JIT tiering options a connector gets from the package (docs/configuration.md, ConnectorsEarlyTierUp): early
/// tier-up by default, whose record loop is hot at once, an API source's too (Connectors.Http changes nothing: with .NET's
/// defaults the npm sample's read took more CPU, docs/http.md); .NET's defaults when the project turns it off.
/// </summary>
[Collection(SdkFeedCollection.Name)]
public class TieringDefaultsTests(SdkFeed feed)
{
    private const string CallCountingDelay = "System.Runtime.TieredCompilation.CallCountingDelayMs";
    private const string CallCountThreshold = "System.Runtime.TieredCompilation.CallCountThreshold";

    [Fact]
    public async Task Connector_built_from_the_package_tiers_up_early()
    {
        var options = await BuildAsync("early", projectSetting: null);

        Assert.Equal(0, options.GetProperty(CallCountingDelay).GetInt32());
        Assert.Equal(1000, options.GetProperty(CallCountThreshold).GetInt32());
    }

    [Fact]
    public async Task Api_source_built_from_the_packages_tiers_up_early_too()
    {
        var options = await BuildAsync("api-source", projectSetting: null, http: true);

        Assert.Equal(0, options.GetProperty(CallCountingDelay).GetInt32());
        Assert.Equal(1000, options.GetProperty(CallCountThreshold).GetInt32());
    }

    [Fact]
    public async Task Project_that_turns_early_tier_up_off_keeps_dotnet_tiering_defaults()
    {
        var options = await BuildAsync("dotnet-defaults", projectSetting: "false");

        Assert.False(options.TryGetProperty(CallCountingDelay, out _));
        Assert.False(options.TryGetProperty(CallCountThreshold, out _));
    }

    /// <summary>Builds a console project from the feed's packages and returns its runtimeconfig.json's configProperties.</summary>
    private async Task<JsonElement> BuildAsync(string name, string? projectSetting, bool http = false)
    {
        var setting = projectSetting is null ? "" : $"<ConnectorsEarlyTierUp>{projectSetting}</ConnectorsEarlyTierUp>";
        var directory = http
            ? feed.NewConsoleProject(name, setting, "Connectors.Runtime", "Connectors.Http")
            : feed.NewConsoleProject(name, setting, "Connectors.Runtime");

        await DotnetCli.RunAsync(directory, DotnetCli.Build("build"));

        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "bin", "Debug", "net10.0", $"{name}.runtimeconfig.json")));
        return config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties").Clone();
    }
}
