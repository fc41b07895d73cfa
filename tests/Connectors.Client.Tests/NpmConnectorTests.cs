using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Connectors.Client.Execution;
using Connectors.Client.Tests.Infrastructure;
using Xunit;

namespace Connectors.Client.Tests;

/// <summary>
/// A connector nobody here wrote: airbyte-faros-destination 0.10.65, installed from the npm registry into a connectors
/// home through the client, its real spec (a oneOf of editions with const discriminators and airbyte_secret fields)
/// validated against, checked in dry-run mode, listed by the tool and uninstalled.
/// </summary>
public sealed class NpmConnectorTests
{
    private const string Location = "npm:airbyte-faros-destination@0.10.65";

    [Fact]
    public async Task Faros_destination_installs_validates_checks_and_uninstalls()
    {
        using var temp = new TempDirectory();
        var home = new ConnectorHome(temp.File("home"));
        var executor = (NpmExecutor)ConnectorLocator.Resolve(Location, home);
        Assert.False(executor.IsInstalled);
        var destination = new Destination(executor, null, new ConnectorOptions { Home = home });
        await destination.InstallAsync();
        Assert.True(executor.IsInstalled);
        Assert.StartsWith(Path.Combine(home.Root, "npm", "airbyte-faros-destination", "0.10.65"), executor.Directory);
        Assert.Equal(("airbyte-faros-destination", "0.10.65"), home.ListInstalled().Select(c => (c.Name, c.Version)).Single());
        await destination.InstallAsync(); // present: reused, not reinstalled

        var spec = await destination.GetSpecAsync();
        Assert.Contains("append_dedup", spec.SupportedDestinationSyncModes);
        var editions = spec.ConnectionSpecification.GetProperty("properties").GetProperty("edition_configs").GetProperty("oneOf");
        Assert.Equal(2, editions.GetArrayLength());

        async Task<string[]> Problems(string config) =>
            (await destination.GetConfigProblemsAsync(JsonNode.Parse(config)!.AsObject())).Select(p => p.ToString()).ToArray();

        Assert.Empty(await Problems("""{"edition_configs":{"edition":"community","hasura_url":"http://127.0.0.1:9"},"dry_run":true}"""));
        Assert.Empty(await Problems("""{"edition_configs":{"edition":"cloud","api_key":"faros-key-1","graphql_api":"v2"}}"""));
        Assert.Contains(await Problems("{}"), p => p.StartsWith("$: ") && p.Contains("edition_configs"));
        Assert.Contains(await Problems("""{"edition_configs":{"edition":"enterprise","hasura_url":"x"}}"""),
            p => p.StartsWith("$.edition_configs.edition: ") && p.Contains("\"community\""));
        Assert.Contains(await Problems("""{"edition_configs":{"edition":"cloud"}}"""), p => p.StartsWith("$.edition_configs: ") && p.Contains("api_key"));
        var wrongTypes = await Problems("""{"edition_configs":{"edition":"cloud","api_key":"faros-key-2","graphql_api":"v3"},"dry_run":"yes"}""");
        Assert.Contains(wrongTypes, p => p.StartsWith("$.dry_run: "));
        Assert.Contains(wrongTypes, p => p.StartsWith("$.edition_configs.graphql_api: "));
        Assert.All(wrongTypes, p => Assert.DoesNotContain("faros-key-2", p));

        destination.SetConfig(JsonNode.Parse("""{"edition_configs":{"edition":"community","hasura_url":"http://127.0.0.1:9"},"dry_run":true}""")!.AsObject());
        var check = await destination.CheckAsync();
        Assert.True(check.Succeeded, check.Message);

        var list = await Cli.RunAsync(home.Root, ["list"]);
        Assert.Contains("npm:airbyte-faros-destination@0.10.65", list.Stdout);
        var uninstall = await Cli.RunAsync(home.Root, ["uninstall", Location]);
        Assert.Equal(0, uninstall.ExitCode);
        Assert.False(executor.IsInstalled);
        Assert.False(Directory.Exists(executor.Directory));
        Assert.Empty(home.ListInstalled());
    }
}
