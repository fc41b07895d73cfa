using System.Text.Json;
using Connectors.IntegrationTests.NativeAot;
using Connectors.Testing;
using Xunit;

namespace Connectors.IntegrationTests.Acceptance;

/// <summary>
/// The Instrument sample published as a native AOT executable passes the acceptance kit as its JIT build does
/// (<see cref="InstrumentAcceptanceTests"/>): source and command-host rules, run against what ships.
/// </summary>
[Collection(NativePublishes.Name)]
public class NativeInstrumentAcceptanceTests(NativeBuilds builds) : SourceAcceptanceTests<Instrument.InstrumentConnector>
{
    protected override string? ConnectorExecutable => builds.Instrument.Connector.DllPath;

    protected override string Config => JsonSerializer.Serialize(new { watch_folder = ConnectorFile("results") });
}
