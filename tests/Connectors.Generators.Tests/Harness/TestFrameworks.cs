using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace Connectors.Generators.Tests.Harness;

/// <summary>
/// What a connector compiles against on each runtime the SDK supports (Connectors.Runtime targets net8.0 and net10.0):
/// the framework's reference assemblies (<c>Microsoft.NETCore.App.Ref</c>), the logging abstractions, and the
/// Connectors assemblies built for that framework. The packages come from the NuGet global packages folder, where
/// restore put them (<c>tests/ReferenceAssemblies.props</c>), so the Testing kits never go to a feed.
/// </summary>
internal sealed record TestFramework(string Name, ReferenceAssemblies ReferenceAssemblies, ImmutableArray<MetadataReference> Connectors)
{
    public override string ToString() => Name;
}

internal static class TestFrameworks
{
    /// <summary>The lowest runtime the SDK supports: analyzer and code-fix tests compile against it.</summary>
    public static TestFramework Net80 { get; } = Create("net8.0", Path.Combine(AppContext.BaseDirectory, "refs", "net8.0"));

    /// <summary>The runtime the tests run on (the test's own copies of the Connectors assemblies are its builds).</summary>
    public static TestFramework Net100 { get; } = Create("net10.0", AppContext.BaseDirectory);

    public static TestFramework Lowest => Net80;

    public static TestFramework[] All => [Net80, Net100];

    private static TestFramework Create(string name, string connectorsDirectory)
    {
        var referenceAssemblies = new ReferenceAssemblies(name, new PackageIdentity("Microsoft.NETCore.App.Ref", PackVersion(name)), Path.Combine("ref", name))
            .AddPackages(ImmutableArray.Create(new PackageIdentity("Microsoft.Extensions.Logging.Abstractions", Metadata("LoggingAbstractionsVersion"))));
        var connectors = new[] { "Connectors.Abstractions.dll", "Connectors.Runtime.dll" }
            .Select(file => Path.Combine(connectorsDirectory, file))
            .Select(path => File.Exists(path) ? (MetadataReference)MetadataReference.CreateFromFile(path)
                : throw new InvalidOperationException($"{path} is missing: build the test project (tests/ReferenceAssemblies.props copies the net8.0 builds)."))
            .ToImmutableArray();
        return new TestFramework(name, referenceAssemblies, connectors);
    }

    /// <summary>The Microsoft.NETCore.App.Ref version this .NET SDK uses for <paramref name="framework"/> ("net8.0=8.0.31;net10.0=10.0.12").</summary>
    private static string PackVersion(string framework) =>
        Metadata("ReferencePacks").Split(';').Select(pair => pair.Split('=')).Single(pair => pair[0] == framework)[1];

    private static string Metadata(string key) =>
        typeof(TestFrameworks).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException("No assembly metadata " + key);
}
