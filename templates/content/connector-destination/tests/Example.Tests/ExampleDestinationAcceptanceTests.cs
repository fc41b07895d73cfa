using System.Text.Json;
using Connectors.Testing;

namespace Example.Tests;

/// <summary>
/// Every rule of the Airbyte protocol for destinations, each a test of its own: Connectors.Testing runs
/// destination-example as a process, writes input it generates, and reads back what was stored through
/// <see cref="ReadBackAsync"/>. What each rule checks: docs/testing.md of the Connectors SDK.
/// </summary>
public class ExampleDestinationAcceptanceTests : DestinationAcceptanceTests<ExampleDestination>
{
    /// <summary>A config that writes into a new, empty folder.</summary>
    protected override Task<string> NewConfigAsync() =>
        Task.FromResult(JsonSerializer.Serialize(new { destination_path = NewTemporaryFolder() }));

    /// <summary>The stream's file, one row per line.</summary>
    protected override Task<IReadOnlyList<IReadOnlyDictionary<string, object?>>> ReadBackAsync(string config, string stream)
    {
        var folder = JsonDocument.Parse(config).RootElement.GetProperty("destination_path").GetString()!;
        return Task.FromResult(StoredRows.FromJsonLines(Path.Combine(folder, stream + ".jsonl")));
    }
}
