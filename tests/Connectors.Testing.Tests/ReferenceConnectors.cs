using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Broken;

namespace Connectors.Testing.Tests;

/// <summary>The reference source, as it is: it keeps every rule (each rule a test here).</summary>
public class ReferenceSourceAcceptanceTests : SourceAcceptanceTests<ReferenceSource>
{
    internal const string Secret = "kit-secret-4711-key";

    protected override string Config => $$"""{"api_key": "{{Secret}}", "count": 100, "checkpoint_every": 40}""";

    protected override string LongReadConfig => $$"""{"api_key": "{{Secret}}", "count": 50000000, "checkpoint_every": 1000}""";

    protected override int ResumeFromEveryNthState => 1;

    protected override IReadOnlyDictionary<string, string?> Environment => new Dictionary<string, string?> { ["CONNECTORS_TEST_CASE"] = Case };

    /// <summary>The test case the connector process runs (the reference, or a broken variant).</summary>
    protected virtual string Case => "source";
}

/// <summary>The reference destination, as it is: it keeps every rule (each rule a test here).</summary>
public class ReferenceDestinationAcceptanceTests : DestinationAcceptanceTests<ReferenceDestination>
{
    private const string Token = "kit-token-0815-secret";

    protected override string Config => Folder(NewTemporaryFolder("check"));

    protected override IReadOnlyDictionary<string, string?> Environment => new Dictionary<string, string?> { ["CONNECTORS_TEST_CASE"] = Case };

    /// <summary>The test case the connector process runs (the reference, or a broken variant).</summary>
    protected virtual string Case => "destination";

    protected override Task<string> NewConfigAsync() =>
        Task.FromResult(Folder(NewTemporaryFolder("destination")));

    protected override Task<IReadOnlyList<IReadOnlyDictionary<string, object?>>> ReadBackAsync(string config, string stream)
    {
        var folder = JsonDocument.Parse(config).RootElement.GetProperty("folder").GetString()!;
        IReadOnlyList<IReadOnlyDictionary<string, object?>> rows = ReferenceDestination.CommittedLines(folder, stream)
            .Select(line => (IReadOnlyDictionary<string, object?>)JsonDocument.Parse(line).RootElement.EnumerateObject()
                .ToDictionary(p => p.Name, p => (object?)p.Value.Clone()))
            .ToList();
        return Task.FromResult(rows);
    }

    private static string Folder(string path) => JsonSerializer.Serialize(new { folder = path, token = Token });
}

/// <summary>The reference command host, as it is: it keeps every rule (each rule a test here).</summary>
public class ReferenceCommandHostAcceptanceTests : CommandHostAcceptanceTests<ReferenceCommandHost>
{
    internal const string Secret = "kit-secret-2207-instrument";

    protected override string Config => $$"""{"api_key": "{{Secret}}", "interval_seconds": 5}""";

    protected override IReadOnlyDictionary<string, string?> Environment => new Dictionary<string, string?> { ["CONNECTORS_TEST_CASE"] = Case };

    /// <summary>The test case the connector process runs (the reference, or a broken variant).</summary>
    protected virtual string Case => "commands";
}

/// <summary>The reference source as a Conduit plugin, as it is: it keeps every Conduit rule (each rule a test here).</summary>
public class ReferenceSourceConduitAcceptanceTests : ConduitAcceptanceTests<ReferenceSource>
{
    protected override string Config => $$"""{"api_key": "{{ReferenceSourceAcceptanceTests.Secret}}", "count": 100, "checkpoint_every": 40}""";

    protected override IReadOnlyDictionary<string, string?> Environment => new Dictionary<string, string?> { ["CONNECTORS_TEST_CASE"] = Case };

    /// <summary>The test case the connector process runs (the reference, or a broken variant).</summary>
    protected virtual string Case => "source";
}

/// <summary>The reference destination as a Conduit plugin, as it is: it keeps every Conduit rule (each rule a test here).</summary>
public class ReferenceDestinationConduitAcceptanceTests : ConduitAcceptanceTests<ReferenceDestination>
{
    protected override string Config => JsonSerializer.Serialize(new { folder = NewTemporaryFolder("conduit"), token = "kit-token-0815-conduit" });

    protected override IReadOnlyDictionary<string, string?> Environment => new Dictionary<string, string?> { ["CONNECTORS_TEST_CASE"] = Case };

    /// <summary>The test case the connector process runs (the reference, or a broken variant).</summary>
    protected virtual string Case => "destination";
}
