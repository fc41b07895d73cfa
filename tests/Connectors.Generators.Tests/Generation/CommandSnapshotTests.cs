using Connectors.Generators.Tests.Harness;
using Xunit;

namespace Connectors.Generators.Tests.Generation;

/// <summary>What the generator writes for [Command] methods and lifecycle hooks: dispatch, payload binders, ListCustomCommands schemas.</summary>
public sealed class CommandSnapshotTests
{
    [Fact]
    public void Commands_with_every_payload_and_result_shape_and_every_hook() => Snapshot.GenerateAndVerify(CommandSources.Complete);

    [Fact]
    public void Hooks_without_commands_or_config()
    {
        var run = Snapshot.GenerateAndVerify(CommandSources.HooksOnly);

        Assert.Equal(["Sample.HooksConnector.Commands.g.cs", "Sample.HooksConnector.ConfigBinder.g.cs", "Sample.HooksConnector.Connector.g.cs",
            "Sample.HooksConnector.Spec.g.cs"], GeneratorAssert.HintNames(run));
    }

    [Fact]
    public void A_connector_without_commands_gets_no_commands_file_and_no_commands_in_its_description()
    {
        var run = GeneratorHarness.Run(CommandSources.NoCommands);
        GeneratorAssert.Succeeds(run);

        Assert.DoesNotContain("Sample.PlainSource.Commands.g.cs", GeneratorAssert.HintNames(run));
        Assert.DoesNotContain("Commands", System.Linq.Enumerable.Single(run.Result.GeneratedSources, s => s.HintName == "Sample.PlainSource.Connector.g.cs").SourceText.ToString());
    }

    [Fact]
    public void Commands_that_take_the_whole_payload_as_one_object_or_as_JSON() => Snapshot.GenerateAndVerify("""
        using System.Collections.Generic;
        using System.Text.Json;
        using System.Threading;
        using Connectors;

        namespace Sample;

        public sealed record Ingest(string Folder, int Limit = 10, IReadOnlyList<string>? Tags = null, Host[]? Hosts = null);

        public sealed record Host(string HostName, int Port = 22);

        [Connector("sample-whole")]
        public partial class WholeConnector
        {
            [Check] public CheckResult Check() => CheckResult.Success();

            /// <summary>Ingests a folder.</summary>
            [Command("Sample.Ingest")] public int Run([Payload] Ingest body, CancellationToken cancellationToken) => body.Limit;

            [Command("Sample.Echo")] public string Echo([Payload] JsonElement body) => body.GetRawText();
        }
        """);

    [Fact]
    public void Commands_hooks_and_payload_members_named_with_keywords_compile()
    {
        var run = GeneratorHarness.Run("""
            using Connectors;

            namespace Sample;

            public sealed class Options { public int @class { get; set; } public string? @event { get; init; } }

            [Connector("sample-keywords")]
            public partial class KeywordConnector
            {
                [ConfigProperty] public string @namespace { get; set; } = "";

                [Command("Sample.Keywords")] public int @checked(Options @params, int @operator) => @params.@class + @operator;

                [OnStart] public void @fixed() { }
            }
            """);

        GeneratorAssert.Succeeds(run);
    }
}
