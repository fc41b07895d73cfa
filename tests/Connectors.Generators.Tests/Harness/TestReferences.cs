using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Connectors.Generators.Tests.Harness;

/// <summary>
/// The metadata references of every test compilation, built once per test run: the shared framework the tests run on
/// (from the host's trusted platform assemblies) plus the Connectors Abstractions and Runtime and the logging
/// abstractions. The test project's own dependencies (xunit, Roslyn) stay out, so test programs see what a connector
/// project sees.
/// </summary>
internal static class TestReferences
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> Lazy = new(Load);

    public static ImmutableArray<MetadataReference> All => Lazy.Value;

    private static ImmutableArray<MetadataReference> Load()
    {
        var frameworkDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(path => string.Equals(Path.GetDirectoryName(path), frameworkDirectory, StringComparison.Ordinal));
        var connectors = new[]
        {
            typeof(ConnectorAttribute).Assembly.Location,
            typeof(Connectors.Runtime.Hosting.ConnectorHost).Assembly.Location,
            typeof(Microsoft.Extensions.Logging.ILogger).Assembly.Location,
        };
        return trusted.Concat(connectors)
            .Distinct(StringComparer.Ordinal)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();
    }
}
