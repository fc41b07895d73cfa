using System.IO;
using System.Threading.Tasks;
using Connectors.IntegrationTests.Infrastructure;
using Xunit;

namespace Connectors.IntegrationTests.NativeAot;

/// <summary>
/// Every sample ships native (each sets <c>PublishAot</c>): a publish of each prints no trim (IL2xxx) or AOT (IL3xxx)
/// warning, and the executable it writes answers <c>spec</c> exactly as the JIT build does. The Instrument sample and the
/// Journal destination are exercised further by <see cref="NativeAotTests"/>. Sources, destinations and command hosts are
/// all here: Faker (source), NpmRegistry (source on Connectors.Http), Shell (source and command host on SSH.NET), SQLite
/// and PostgreSQL (destinations, with their native drivers). All are published by the collection's one
/// <see cref="NativeBuilds"/>.
/// </summary>
[Collection(NativePublishes.Name)]
public sealed class NativeSamplesTests(NativeBuilds builds)
{
    public static TheoryData<string, string> Samples => new()
    {
        { "Faker.Source", "source-faker" },
        { "NpmRegistry.Source", "source-npm-registry" },
        { "Shell.Connector", "shell-connector" },
        { "Sqlite.Destination", "destination-sqlite" },
        { "Postgres.Destination", "destination-postgres" },
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task Publishing_the_sample_native_prints_no_trim_or_AOT_warning_and_its_spec_matches_the_JIT_build(string sample, string executable)
    {
        var build = builds[executable];

        Assert.True(build.NativeCodeGenerated, $"{sample}: no native compile in\n{build.PublishLog}");
        Assert.True(build.TrimAndAotWarnings.Count == 0, $"{sample}: trim/AOT warnings:\n{string.Join("\n", build.TrimAndAotWarnings)}");
        Assert.False(File.Exists(Path.Combine(build.OutputDirectory, executable + ".dll")), "a native publish ships no IL assembly");
        var native = await build.Connector.RunAsync("spec");
        var jit = await Connector.Named(executable).RunAsync("spec");
        Assert.True(native.ExitCode == 0, native.Describe());
        Assert.Equal(jit.Stdout, native.Stdout);
    }
}
