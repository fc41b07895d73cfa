using System.Linq;
using Connectors.Commands.Tests.Generator.Harness;
using Xunit;

namespace Connectors.Commands.Tests.Generator;

/// <summary>What the generator writes for commands and hooks, compared with reviewed snapshots, and that it compiles cleanly.</summary>
public sealed class CommandSnapshotTests
{
    [Fact]
    public void Commands_with_every_payload_and_result_shape_and_every_hook()
    {
        var run = GeneratorRun.Generate(CommandSources.Complete).AssertCompiles();

        Snapshot.Verify(run, [".Connector.g.cs", ".Commands.g.cs", ".RecordWriters.g.cs"]);
    }

    [Fact]
    public void Hooks_without_commands_or_config()
    {
        var run = GeneratorRun.Generate(CommandSources.HooksOnly).AssertCompiles();

        Snapshot.Verify(run, [".Connector.g.cs", ".Commands.g.cs"]);
        Assert.DoesNotContain(run.Files.Keys, k => k.EndsWith(".RecordWriters.g.cs") || k.EndsWith(".Streams.g.cs"));
    }

    [Fact]
    public void A_connector_without_commands_gets_no_commands_file_and_no_commands_in_its_description()
    {
        var run = GeneratorRun.Generate(CommandSources.NoCommands).AssertCompiles();

        Assert.Equal(["Sample.PlainSource.ConfigBinder.g.cs", "Sample.PlainSource.Connector.g.cs", "Sample.PlainSource.RecordWriters.g.cs",
            "Sample.PlainSource.Spec.g.cs", "Sample.PlainSource.Streams.g.cs"], run.Files.Keys.Order());
        Assert.DoesNotContain("Commands", run.Files["Sample.PlainSource.Connector.g.cs"]);
    }
}
