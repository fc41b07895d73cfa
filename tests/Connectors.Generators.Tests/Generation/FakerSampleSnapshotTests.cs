using Connectors.Generators.Tests.Harness;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Connectors.Generators.Tests.Generation;

/// <summary>The sample connector, read from disk, as users first meet the generator.</summary>
public sealed class FakerSampleSnapshotTests
{
    [Fact]
    public void Faker_sample_generates_the_verified_sources()
    {
        var run = GeneratorHarness.Run(TestCompilation.Create(RepoPaths.FakerSources(), OutputKind.ConsoleApplication));

        GeneratorAssert.Succeeds(run);
        Assert.Equal(
            new[]
            {
                "Faker.FakerSource.ConfigBinder.g.cs", "Faker.FakerSource.Connector.g.cs", "Faker.FakerSource.Program.g.cs",
                "Faker.FakerSource.RecordWriters.g.cs", "Faker.FakerSource.Spec.g.cs", "Faker.FakerSource.Streams.g.cs",
            },
            GeneratorAssert.HintNames(run));
        Snapshot.Verify(run);
    }
}
