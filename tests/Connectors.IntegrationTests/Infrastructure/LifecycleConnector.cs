using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;

namespace Connectors.IntegrationTests.Infrastructure;

/// <summary>
/// The Lifecycle test connector (tests/TestConnectors/Lifecycle.Connector) in a temp folder: its config file, its
/// journal of hook calls, and how to start it.
/// </summary>
internal sealed class LifecycleConnector : IDisposable
{
    public const string Secret = "s3cr3t-Pa55";

    private readonly TempFolder _folder = new();

    public LifecycleConnector(object? config = null) =>
        ConfigPath = _folder.Write("config.json", JsonSerializer.Serialize(config ?? new { api_key = Secret }));

    public string ConfigPath { get; }

    public string JournalPath => _folder.File("journal.txt");

    public TempFolder Folder => _folder;

    /// <summary>The hook calls so far ("OnStart RUNNING v1", "tick started", …).</summary>
    public IReadOnlyList<string> Journal() =>
        File.Exists(JournalPath) ? File.ReadAllLines(JournalPath) : [];

    /// <summary>The hook calls after the first <paramref name="skip"/>.</summary>
    public IReadOnlyList<string> JournalAfter(int skip) => Journal().Skip(skip).ToList();

    /// <summary>The platform services' data directory (connector data, file records, the outbox).</summary>
    public string DataDirectory => _folder.File("data");

    /// <summary>More environment variables for the processes started from now on.</summary>
    public Dictionary<string, string?> ExtraEnvironment { get; } = new();

    public Dictionary<string, string?> Environment
    {
        get
        {
            var environment = new Dictionary<string, string?> { ["LIFECYCLE_JOURNAL"] = JournalPath, ["CONNECTOR_DATA_DIR"] = DataDirectory };
            foreach (var (name, value) in ExtraEnvironment)
            {
                environment[name] = value;
            }
            return environment;
        }
    }

    /// <summary>Starts <c>serve --config</c> with more arguments, and waits until the startup hooks ran.</summary>
    public async Task<ConnectorProcess> ServeAsync(params string[] args)
    {
        var process = ConnectorProcess.Start(Connector.Lifecycle, ["serve", "--config", ConfigPath, .. args], Environment);
        await process.UntilAsync(() => Journal().Any(l => l.StartsWith("OnInitialized", StringComparison.Ordinal)) || process.HasExited,
            "the startup hooks");
        return process;
    }

    /// <summary>Runs <c>command &lt;action&gt; --config</c> with more arguments to its end.</summary>
    public Task<ConnectorProcess> CommandAsync(string action, params string[] args) =>
        ConnectorProcess.RunAsync(Connector.Lifecycle, ["command", action, "--config", ConfigPath, .. args], Environment);

    public void Dispose() => _folder.Dispose();
}
