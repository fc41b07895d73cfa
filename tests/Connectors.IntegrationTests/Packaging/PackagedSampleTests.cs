using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Connectors.IntegrationTests.Infrastructure;
using Xunit;

namespace Connectors.IntegrationTests.Packaging;

/// <summary>
/// The Faker sample's sources in a fresh project outside the repository, with one PackageReference to the packed
/// Connectors.Runtime: the package alone must bring the attributes, the generator (which writes Main) and the runtime.
/// </summary>
[Collection(SdkFeedCollection.Name)]
public class PackagedSampleTests(SdkFeed feed)
{
    [Fact]
    public async Task Sample_built_from_the_packages_passes_spec_check_discover_and_read()
    {
        var connector = await BuildAsync();

        var spec = await connector.RunAsync("spec");
        var check = await connector.RunAsync("check", "--config", TestFiles.Write("config.json", """{"count": 5}"""));
        var discovered = await connector.DiscoverAsync();
        var read = await connector.RunAsync("read", "--config", TestFiles.Write("config.json", """{"count": 5, "seed": 1}"""),
            "--catalog", await connector.CatalogAsync("incremental"));

        Assert.True(spec.ExitCode == 0, spec.Describe());
        Assert.Equal((await Connector.Faker.RunAsync("spec")).OfType("SPEC").Single().GetRawText(), spec.OfType("SPEC").Single().GetRawText());
        Assert.Equal("SUCCEEDED", check.OfType("CONNECTION_STATUS").Single().GetProperty("connectionStatus").GetProperty("status").GetString());
        Assert.Equal(["products", "purchases", "users"],
            discovered.Catalog.GetProperty("streams").EnumerateArray().Select(s => s.GetProperty("name").GetString()).Order());
        Assert.True(read.ExitCode == 0, read.Describe());
        Assert.Equal(5, read.Records("users").Count);
        Assert.NotEmpty(read.States("users"));
    }

    private async Task<Connector> BuildAsync()
    {
        var directory = feed.NewProjectDirectory("source-faker");
        foreach (var source in Directory.GetFiles(Path.Combine(SdkFeed.RepoRoot, "samples", "Faker.Source"), "*.cs"))
        {
            File.Copy(source, Path.Combine(directory, Path.GetFileName(source)));
        }
        File.WriteAllText(Path.Combine(directory, "source-faker.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Connectors.Runtime" Version="{feed.Version}" />
              </ItemGroup>
            </Project>
            """);

        await DotnetCli.RunAsync(directory, DotnetCli.Build("build"));

        // The SDK came from this run's feed: no other source may serve Connectors.* and no cache held this version.
        using var assets = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "obj", "project.assets.json")));
        var libraries = assets.RootElement.GetProperty("libraries").EnumerateObject().Select(l => l.Name).ToList();
        Assert.Contains($"Connectors.Runtime/{feed.Version}", libraries);
        Assert.Contains($"Connectors.Abstractions/{feed.Version}", libraries);

        return Connector.BuiltAt(Path.Combine(directory, "bin", "Debug", "net10.0", "source-faker.dll"), """{"count": 5}""");
    }
}
