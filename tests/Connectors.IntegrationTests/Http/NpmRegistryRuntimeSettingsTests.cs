using System.IO;
using System.Text.Json;
using Connectors.IntegrationTests.Infrastructure;
using Xunit;

namespace Connectors.IntegrationTests.Http;

/// <summary>
/// The runtime settings the npm registry sample is built with in this repository (a ProjectReference to Connectors.Http,
/// so no package props): the SDK's, as for every connector. An API source keeps early tier-up: with .NET's tiering
/// defaults its read of 1,000 packages took more CPU, not less (docs/http.md, "JIT tiering"; bench/README.md).
/// </summary>
public sealed class NpmRegistryRuntimeSettingsTests
{
    [Fact]
    public void The_built_sample_tiers_up_early_and_has_no_background_gc_thread()
    {
        var file = Path.Combine(Connector.NpmRegistry.OutputDirectory, "source-npm-registry.runtimeconfig.json");
        using var config = JsonDocument.Parse(File.ReadAllText(file));
        var options = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        Assert.Equal(0, options.GetProperty("System.Runtime.TieredCompilation.CallCountingDelayMs").GetInt32());
        Assert.Equal(1000, options.GetProperty("System.Runtime.TieredCompilation.CallCountThreshold").GetInt32());
        Assert.False(options.GetProperty("System.GC.Concurrent").GetBoolean());
    }
}
