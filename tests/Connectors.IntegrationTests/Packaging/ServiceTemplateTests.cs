using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Connectors.IntegrationTests.Infrastructure;
using Xunit;

namespace Connectors.IntegrationTests.Packaging;

/// <summary>
/// The connector-service template (a long-running connector), installed from the packed Connectors.Templates,
/// instantiated outside the repository against the local feed, built once, tested, and served as a process: its
/// connector data and file records land in SQLite (connector.db) in CONNECTOR_DATA_DIR, out of the box, and survive a
/// restart.
/// </summary>
[Collection(SdkFeedCollection.Name)]
public class ServiceTemplateTests(SdkFeed feed)
{
    private const string ProjectName = "Acme.Lab";
    private const string ConnectorName = "acme-lab-connector";
    private const string Shutdown = "TetraScience.Connector.Shutdown";

    // One instance for all the tests of a run: instantiating and building is the expensive part.
    private static Task<TemplateProjects.Built>? _instance;
    private static readonly object Gate = new();

    [Fact]
    public async Task Generated_project_builds_without_warnings_and_its_tests_pass()
    {
        var instance = await InstanceAsync();

        Assert.Matches(@"\b0 Warning\(s\)", instance.BuildOutput);
        // Its three unit tests and the acceptance kit's 34 rules for a source with commands (Connectors.Testing from the feed).
        await TemplateProjects.AssertTestsPassAsync(instance, atLeast: 37);
    }

    [Fact]
    public async Task Served_connector_keeps_its_data_in_SQLite_and_after_a_restart_ingests_only_the_new_file()
    {
        var instance = await InstanceAsync();
        using var folder = new TempFolder();
        var inbox = Directory.CreateDirectory(folder.File("inbox")).FullName;
        File.WriteAllText(Path.Combine(inbox, "a.txt"), "a");
        File.WriteAllText(Path.Combine(inbox, "b.txt"), "bb");
        var config = folder.Write("config.json", JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["inbox_folder"] = inbox,
            ["poll_interval_seconds"] = 0.1,
        }));
        var data = folder.File("data");
        var environment = new Dictionary<string, string?> { ["CONNECTOR_DATA_DIR"] = data };
        var connector = Connector.BuiltAt(Path.Combine(instance.OutputDirectory, ConnectorName + ".dll"), discoverConfig: null);

        var first = await ServeUntilAsync(connector, config, environment, records: 2);
        File.WriteAllText(Path.Combine(inbox, "c.txt"), "ccc");
        var second = await ServeUntilAsync(connector, config, environment, records: 1);
        var status = await ConnectorProcess.RunAsync(connector, ["command", "Acme.Lab.Status", "--config", config], environment);

        Assert.Equal(["a.txt", "b.txt"], Names(first));
        Assert.Equal(["c.txt"], Names(second));
        Assert.True(File.Exists(Path.Combine(data, "connector.db")), string.Join(", ", Directory.GetFiles(data)));
        Assert.False(File.Exists(Path.Combine(data, "connector-data.json")));
        // On SQLite the runtime says nothing of the JSON store and the package that replaces it.
        Assert.DoesNotContain("Connectors.Platform.Sqlite", first.StderrText + second.StderrText);
        Assert.Equal(0, status.ExitCode);
        Commands.CustomCommandTests.AssertJson("""{"files_ingested": 3, "last_file": "c.txt", "polling": false}""", Assert.Single(status.Stdout).GetProperty("body"));
        Assert.Equal("ccc", File.ReadAllText(Path.Combine(data, "outbox", "default", "c.txt")));
    }

    /// <summary>Serves until <paramref name="records"/> records are out, then shuts the connector down (the poll's tick finishes first).</summary>
    private static async Task<ConnectorProcess> ServeUntilAsync(Connector connector, string config, Dictionary<string, string?> environment, int records)
    {
        var process = ConnectorProcess.Start(connector, ["serve", "--config", config], environment);
        await using (process)
        {
            await process.UntilAsync(() => process.Records.Count >= records, $"{records} record(s)");
            await process.CommandAsync("shutdown", Shutdown);
            await process.WaitForExitAsync();
            Assert.Equal(0, process.ExitCode);
        }
        return process;
    }

    private static List<string?> Names(ConnectorProcess process) =>
        process.Records.Select(r => r.GetProperty("data").GetProperty("name").GetString()).ToList();

    private Task<TemplateProjects.Built> InstanceAsync()
    {
        lock (Gate)
        {
            return _instance ??= TemplateProjects.NewAndBuildAsync(feed, "connector-service", ProjectName);
        }
    }
}
