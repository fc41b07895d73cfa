using Connectors.Testing;

namespace Example.Tests;

/// <summary>
/// Every rule of the Airbyte protocol, each a test of its own: Connectors.Testing runs source-example as a process, the
/// way a platform does, with the config.json beside it (override Config to use another). What each rule checks, and
/// how to set the kit's options: docs/testing.md of the Connectors SDK.
/// </summary>
public class ExampleSourceAcceptanceTests : SourceAcceptanceTests<ExampleSource>
{
    /// <summary>A read long enough to stop in its middle (the SIGTERM and closed-stdout rules).</summary>
    protected override string LongReadConfig => """{"count": 1000000}""";
}
