using System.IO;
using System.Text.Json;
using System.Threading.Tasks;
using Xunit;

namespace Connectors.IntegrationTests.Packaging;

/// <summary>
/// The JIT tiering options a connector gets from the packages (docs/configuration.md, ConnectorsEarlyTierUp): early
/// tier-up for a plain connector, whose record loop is hot at once; .NET's defaults for an API source that references
/// Connectors.Http, whose CPU goes to per-request code that early tier-up would leave unoptimized; the project's own
/// setting over either.
/// </summary>
[Collection(SdkFeedCollection.Name)]
public class TieringDefaultsTests(SdkFeed feed)
{
    private const string CallCountingDelay = "System.Runtime.TieredCompilation.CallCountingDelayMs";
    private const string CallCountThreshold = "System.Runtime.TieredCompilation.CallCountThreshold";

    [Fact]
    public async Task Connector_referencing_the_runtime_only_tiers_up_early()
    {
        var options = await BuildAsync("runtime-only", http: false, projectSetting: null);

        Assert.Equal(0, options.GetProperty(CallCountingDelay).GetInt32());
        Assert.Equal(1000, options.GetProperty(CallCountThreshold).GetInt32());
    }

    [Fact]
    public async Task Connector_referencing_the_http_toolkit_keeps_dotnet_tiering_defaults()
    {
        var options = await BuildAsync("http", http: true, projectSetting: null);

        Assert.False(options.TryGetProperty(CallCountingDelay, out _));
        Assert.False(options.TryGetProperty(CallCountThreshold, out _));
    }

    [Fact]
    public async Task Project_setting_wins_over_the_http_toolkit_default()
    {
        var options = await BuildAsync("http-early", http: true, projectSetting: "true");

        Assert.Equal(0, options.GetProperty(CallCountingDelay).GetInt32());
        Assert.Equal(1000, options.GetProperty(CallCountThreshold).GetInt32());
    }

    /// <summary>Builds a console project from the feed's packages and returns its runtimeconfig.json's configProperties.</summary>
    private async Task<JsonElement> BuildAsync(string name, bool http, string? projectSetting)
    {
        var directory = feed.NewProjectDirectory(name);
        var setting = projectSetting is null ? "" : $"<ConnectorsEarlyTierUp>{projectSetting}</ConnectorsEarlyTierUp>";
        var httpReference = http ? $"""<PackageReference Include="Connectors.Http" Version="{feed.Version}" />""" : "";
        File.WriteAllText(Path.Combine(directory, "Program.cs"), "System.Console.WriteLine(\"tiering\");\n");
        File.WriteAllText(Path.Combine(directory, $"{name}.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <AssemblyName>{name}</AssemblyName>
                {setting}
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Connectors.Runtime" Version="{feed.Version}" />
                {httpReference}
              </ItemGroup>
            </Project>
            """);

        await DotnetCli.RunAsync(directory, DotnetCli.Build("build"));

        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "bin", "Debug", "net10.0", $"{name}.runtimeconfig.json")));
        return config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties").Clone();
    }
}
