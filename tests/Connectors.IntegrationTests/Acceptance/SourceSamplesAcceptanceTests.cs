using System.IO;
using System.Text.Json;
using Connectors.Testing;

namespace Connectors.IntegrationTests.Acceptance;

/// <summary>The Faker sample passes every rule of the acceptance kit (docs/testing.md).</summary>
public class FakerAcceptanceTests : SourceAcceptanceTests<Faker.FakerSource>
{
    // always_updated: false makes two reads equal and a read from the final state empty; small slices give the resume
    // rule intermediate states to resume from.
    protected override string Config => """{"count": 120, "seed": 7, "records_per_slice": 50, "always_updated": false}""";

    protected override string LongReadConfig => """{"count": 50000000, "seed": 7, "records_per_slice": 10000, "always_updated": false}""";
}

/// <summary>The Instrument sample passes every rule of the acceptance kit that a three-file folder can exercise.</summary>
public class InstrumentAcceptanceTests : SourceAcceptanceTests<Instrument.InstrumentConnector>
{
    protected override string Config => JsonSerializer.Serialize(new { watch_folder = ConnectorFile("results") });
}

/// <summary>The Shell sample passes every rule of the acceptance kit that its inventory stream can exercise.</summary>
public class ShellAcceptanceTests : SourceAcceptanceTests<Shell.ShellConnector>
{
    protected override string Config => JsonSerializer.Serialize(new { inventory_file = ConnectorFile("inventory.json") });
}

/// <summary>The npm registry sample passes every rule of the acceptance kit against the run's verdaccio, its token a secret the kit searches every output for.</summary>
[Xunit.Collection(Http.VerdaccioCollection.Name)]
public class NpmRegistryAcceptanceTests(Http.Verdaccio registry) : SourceAcceptanceTests<NpmRegistry.NpmRegistrySource>
{
    protected override string Config => JsonSerializer.Serialize(new { registry_url = registry.Url, token = registry.Token, page_size = 4 });
}
