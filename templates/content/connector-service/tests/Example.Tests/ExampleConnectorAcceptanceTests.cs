using System.Text.Json;
using Connectors.Testing;

namespace Example.Tests;

/// <summary>
/// Every rule of serve, command (the lifecycle actions, Shutdown, SIGTERM) and the Airbyte protocol, each a test of its
/// own: Connectors.Testing runs example-connector as a process, the way a platform does. What each rule checks, and how
/// to set the kit's options: docs/testing.md of the Connectors SDK.
/// </summary>
public class ExampleConnectorAcceptanceTests : SourceAcceptanceTests<ExampleConnector>
{
    /// <summary>config.json, with the inbox folder copied beside the connector as an absolute path.</summary>
    protected override string Config => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["inbox_folder"] = ConnectorFile("inbox"),
        ["poll_interval_seconds"] = 2,
    });

    /// <summary>The connector data, file records and outbox of the kit's processes in the test output (bin/), not the user's.</summary>
    protected override IReadOnlyDictionary<string, string?> Environment => new Dictionary<string, string?>
    {
        ["CONNECTOR_DATA_DIR"] = Path.Combine(AppContext.BaseDirectory, "connector-data"),
    };
}
