using System.IO;
using System.Threading.Tasks;
using Xunit;

namespace Connectors.IntegrationTests.Packaging;

/// <summary>
/// The native AOT optimization preference a connector gets from the package (docs/aot.md): Speed by default, which cut
/// a native read's instruction-cache misses; the project's own choice wins.
/// </summary>
[Collection(SdkFeedCollection.Name)]
public class NativeOptimizationDefaultsTests(SdkFeed feed)
{
    [Fact]
    public async Task Connector_built_from_the_package_optimizes_native_code_for_speed()
    {
        Assert.Equal("Speed", await OptimizationPreferenceAsync("speed", projectSettings: ""));
    }

    [Fact]
    public async Task Project_choice_of_optimization_preference_wins()
    {
        Assert.Equal("Size", await OptimizationPreferenceAsync("size", "<OptimizationPreference>Size</OptimizationPreference>"));
    }

    /// <summary>Restores a console project from the feed's packages and returns its evaluated OptimizationPreference.</summary>
    private async Task<string> OptimizationPreferenceAsync(string name, string projectSettings)
    {
        var directory = feed.NewConsoleProject(name, projectSettings, "Connectors.Runtime");

        // The package's props are imported only once it is restored.
        await DotnetCli.RunAsync(directory, DotnetCli.Build("restore"));
        var output = await DotnetCli.RunAsync(directory, "msbuild", "-getProperty:OptimizationPreference", "-nologo");
        return output.Trim();
    }
}
