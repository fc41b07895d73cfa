using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using Connectors.Testing;

namespace Connectors.IntegrationTests.Acceptance;

/// <summary>The Faker sample's Conduit build (samples/Faker.Source.Conduit) passes every Conduit rule of the acceptance kit (docs/testing.md).</summary>
public class FakerConduitAcceptanceTests : ConduitAcceptanceTests<Faker.FakerSource>
{
    // always_updated: false makes a resumed read comparable with a whole one.
    protected override string Config => """{"count": 120, "seed": 7, "records_per_slice": 50, "always_updated": false}""";

    protected override string ConnectorExecutable => ConduitBuild.Of("source-faker");
}

/// <summary>The SQLite sample's Conduit build (samples/Sqlite.Destination.Conduit) passes every Conduit rule of the acceptance kit.</summary>
public class SqliteConduitAcceptanceTests : ConduitAcceptanceTests<Sqlite.SqliteDestination>
{
    protected override string Config => JsonSerializer.Serialize(new { path = Path.Combine(NewTemporaryFolder("sqlite"), "conduit.db") });

    protected override string ConnectorExecutable => ConduitBuild.Of("destination-sqlite");
}

/// <summary>
/// Where a sample's Conduit build put its dll. It has the Airbyte build's assembly name and connector class (the same
/// sources, linked), so the test classes name the Airbyte build's type and run the Conduit build's dll.
/// </summary>
internal static class ConduitBuild
{
    public static string Of(string assemblyName) =>
        typeof(ConduitBuild).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "conduit-connector:" + assemblyName)?.Value
        ?? throw new System.InvalidOperationException($"The test assembly does not know where {assemblyName}'s Conduit build is (see AddConduitConnectorPaths in the csproj).");
}
