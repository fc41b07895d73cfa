using System;
using System.Linq;
using Connectors.Generators.Model;
using Connectors.Generators.Tests.Harness;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace Connectors.Generators.Tests.Caching;

/// <summary>
/// The generator runs on every keystroke in the IDE: a change that does not touch a connector must reuse the cached
/// models and generated sources, and a change to one connector must leave the others cached.
/// </summary>
public sealed class IncrementalCachingTests
{
    private static readonly IncrementalStepRunReason[] CachedOrUnchanged = [IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged];

    [Fact]
    public void Cloned_compilation_reuses_every_step_and_every_source()
    {
        var compilation = TestCompilation.Create(RepoPaths.InstrumentSources(), OutputKind.ConsoleApplication);
        var first = GeneratorHarness.Run(compilation);

        var second = first.Driver.RunGenerators(compilation.Clone()).GetRunResult().Results[0];

        foreach (var step in TrackedSteps.Names.Where(HasOutputsForTheSample))
        {
            var before = TrackedSteps.Outputs(first.Result, step);
            var after = TrackedSteps.Outputs(second, step);
            Assert.NotEmpty(after);
            Assert.Equal(before.Select(o => o.Value), after.Select(o => o.Value));
            Assert.All(after, output => Assert.Contains(output.Reason, CachedOrUnchanged));
        }
        // One output for the connector's files, one for its commands, one for its Main.
        var sources = TrackedSteps.SourceOutputs(second);
        Assert.Equal(3, sources.Count);
        Assert.All(sources, s => Assert.Equal(IncrementalStepRunReason.Cached, s.Reason));
    }

    [Fact]
    public void Adding_an_unrelated_file_reuses_the_models_and_sources()
    {
        var compilation = TestCompilation.Create(RepoPaths.FakerSources(), OutputKind.ConsoleApplication);
        var first = GeneratorHarness.Run(compilation);

        var changed = compilation.AddSyntaxTrees(TestCompilation.Parse("namespace Faker; internal struct Unrelated { public int Value; }", "Unrelated.cs"));
        var second = first.Driver.RunGenerators(changed).GetRunResult().Results[0];

        AssertModelsAndSourcesReused(second);
    }

    [Fact]
    public void Editing_a_method_body_reuses_the_models_and_sources()
    {
        var compilation = TestCompilation.Create(RepoPaths.FakerSources(), OutputKind.ConsoleApplication);
        var first = GeneratorHarness.Run(compilation);

        var tree = compilation.SyntaxTrees.Single(t => t.FilePath == "FakerSource.cs");
        var text = tree.GetText().ToString();
        var edited = text.Replace("context.CheckpointInterval = RecordsPerSlice;", "context.CheckpointInterval = RecordsPerSlice * 2;");
        Assert.NotEqual(text, edited);
        var changed = compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(SourceText.From(edited)));
        var second = first.Driver.RunGenerators(changed).GetRunResult().Results[0];

        AssertModelsAndSourcesReused(second);
        AssertNotParsedAgain(second);
    }

    [Fact]
    public void Editing_a_method_body_in_another_file_parses_nothing_again()
    {
        var compilation = TestCompilation.Create(TwoConnectors(extraProperty: "").Append(("Helper.cs", Helper(1))));
        var first = GeneratorHarness.Run(compilation);
        GeneratorAssert.Succeeds(first);

        var changed = compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.Single(t => t.FilePath == "Helper.cs"), TestCompilation.Parse(Helper(2), "Helper.cs"));
        var second = first.Driver.RunGenerators(changed).GetRunResult().Results[0];

        AssertModelsAndSourcesReused(second);
        AssertNotParsedAgain(second);
        Assert.Equal(2, TrackedSteps.Outputs(second, TrackingNames.ConnectorModels).Count);
    }

    [Fact]
    public void Editing_a_record_declared_in_another_file_parses_its_connector_again()
    {
        // The connector's own file is untouched: only the declarations fingerprint sees that its stream's record changed.
        var sources = TwoConnectors(extraProperty: "").Select(f => (f.Path, Text: f.Text.Replace("public sealed record AlphaItem(int Id);", "")))
            .Append(("AlphaItem.cs", "namespace Sample; public sealed record AlphaItem(int Id);")).ToArray();
        var compilation = TestCompilation.Create(sources);
        var first = GeneratorHarness.Run(compilation);
        GeneratorAssert.Succeeds(first);

        var changed = compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.Single(t => t.FilePath == "AlphaItem.cs"),
            TestCompilation.Parse("namespace Sample; public sealed record AlphaItem(int Id, string Label);", "AlphaItem.cs"));
        var second = first.Driver.RunGenerators(changed).GetRunResult().Results[0];

        Assert.All(TrackedSteps.Outputs(second, TrackingNames.ConnectorInputs), o => Assert.Equal(IncrementalStepRunReason.Modified, o.Reason));
        var models = TrackedSteps.Outputs(second, TrackingNames.ConnectorModels);
        Assert.Equal(IncrementalStepRunReason.Modified, Assert.Single(models, o => o.Value is ConnectorModel { Name: "source-alpha" }).Reason);
        Assert.Equal(IncrementalStepRunReason.Unchanged, Assert.Single(models, o => o.Value is ConnectorModel { Name: "source-beta" }).Reason);
        var sourcesRun = TrackedSteps.SourceOutputs(second);
        Assert.Equal(IncrementalStepRunReason.Modified, Assert.Single(sourcesRun, s => s.Input is ConnectorModel { Name: "source-alpha" }).Reason);
        Assert.Equal(IncrementalStepRunReason.Cached, Assert.Single(sourcesRun, s => s.Input is ConnectorModel { Name: "source-beta" }).Reason);
        Assert.Contains("\"label\"", second.GeneratedSources.Single(s => s.HintName == "Sample.AlphaSource.Streams.g.cs").SourceText.ToString());
    }

    [Fact]
    public void Adding_a_config_property_regenerates_only_that_connector()
    {
        var compilation = TestCompilation.Create(TwoConnectors(extraProperty: ""));
        var first = GeneratorHarness.Run(compilation);
        GeneratorAssert.Succeeds(first);

        var edited = TwoConnectors(extraProperty: "[ConfigProperty] public string Region { get; set; } = \"eu\";");
        var changed = compilation.ReplaceSyntaxTree(
            compilation.SyntaxTrees.Single(t => t.FilePath == "Alpha.cs"),
            TestCompilation.Parse(edited.Single(f => f.Path == "Alpha.cs").Text, "Alpha.cs"));
        var second = first.Driver.RunGenerators(changed).GetRunResult().Results[0];

        // A declaration changed, so every [Connector] class is parsed again (the fingerprint covers the whole
        // compilation); the equal model of the untouched class is what keeps everything after it cached.
        var models = TrackedSteps.Outputs(second, TrackingNames.ConnectorModels);
        Assert.Equal(IncrementalStepRunReason.Modified, Assert.Single(models, o => o.Value is ConnectorModel { Name: "source-alpha" }).Reason);
        Assert.Contains(Assert.Single(models, o => o.Value is ConnectorModel { Name: "source-beta" }).Reason, CachedOrUnchanged);
        var valid = TrackedSteps.Outputs(second, TrackingNames.ValidConnectors);
        Assert.Equal(IncrementalStepRunReason.Modified, Assert.Single(valid, o => o.Value is ConnectorModel { Name: "source-alpha" }).Reason);
        Assert.Equal(IncrementalStepRunReason.Cached, Assert.Single(valid, o => o.Value is ConnectorModel { Name: "source-beta" }).Reason);
        var sources = TrackedSteps.SourceOutputs(second);
        Assert.Equal(IncrementalStepRunReason.Modified, Assert.Single(sources, s => s.Input is ConnectorModel { Name: "source-alpha" }).Reason);
        Assert.Equal(IncrementalStepRunReason.Cached, Assert.Single(sources, s => s.Input is ConnectorModel { Name: "source-beta" }).Reason);
        Assert.Contains("\"region\"", second.GeneratedSources.Single(s => s.HintName == "Sample.AlphaSource.Spec.g.cs").SourceText.ToString());
    }

    [Fact]
    public void Adding_a_config_property_does_not_regenerate_the_entry_point()
    {
        var alpha = TwoConnectors(extraProperty: "").Single(f => f.Path == "Alpha.cs");
        var compilation = TestCompilation.Create([alpha], OutputKind.ConsoleApplication);
        var first = GeneratorHarness.Run(compilation);
        GeneratorAssert.Succeeds(first);
        Assert.Contains(first.Result.GeneratedSources, s => s.HintName == "Sample.AlphaSource.Program.g.cs");

        var edited = TwoConnectors(extraProperty: "[ConfigProperty] public string Region { get; set; } = \"eu\";").Single(f => f.Path == "Alpha.cs");
        var changed = compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.Single(t => t.FilePath == "Alpha.cs"), TestCompilation.Parse(edited.Text, "Alpha.cs"));
        var second = first.Driver.RunGenerators(changed).GetRunResult().Results[0];

        var sources = TrackedSteps.SourceOutputs(second);
        Assert.Equal(IncrementalStepRunReason.Modified, Assert.Single(sources, s => s.Input is ConnectorModel).Reason);
        Assert.Equal(IncrementalStepRunReason.Cached, Assert.Single(sources, s => s.Input is EntryPointModel).Reason);
    }

    [Fact]
    public void Pipeline_values_hold_no_symbols_syntax_or_compilations()
    {
        var compilation = TestCompilation.Create(RepoPaths.InstrumentSources(), OutputKind.ConsoleApplication);
        var run = GeneratorHarness.Run(compilation);

        foreach (var step in TrackedSteps.Names.Where(HasOutputsForTheSample))
        {
            var outputs = TrackedSteps.Outputs(run.Result, step);
            Assert.NotEmpty(outputs);
            foreach (var (value, _) in outputs)
            {
                Assert.Null(ObjectGraph.FindRoslynObject(value));
            }
        }
    }

    [Fact]
    public void The_object_graph_check_finds_a_buried_symbol()
    {
        // The check above proves something only if it can fail: bury a symbol where a careless model would keep it.
        var compilation = TestCompilation.Create("public class Hidden { }");
        var symbol = compilation.GetTypeByMetadataName("Hidden")!;
        var model = new { Name = "x", Items = new object[] { 1, new Tuple<string, object>("a", new System.Collections.Generic.List<ISymbol> { symbol }) } };

        var found = ObjectGraph.FindRoslynObject(model);

        Assert.NotNull(found);
        Assert.StartsWith("value.<Items>i__Field[1].m_Item2[0] (", found);
    }

    // The sample has no [DiscoverStreams] family, so that step has no output here; DynamicStreamCachingTests covers it.
    private static bool HasOutputsForTheSample(string step) => step != TrackingNames.DynamicStreamConnectors;

    private static void AssertModelsAndSourcesReused(GeneratorRunResult result)
    {
        foreach (var step in new[] { TrackingNames.ConnectorModels, TrackingNames.ValidConnectors })
        {
            var outputs = TrackedSteps.Outputs(result, step);
            Assert.NotEmpty(outputs);
            Assert.All(outputs, output => Assert.Contains(output.Reason, CachedOrUnchanged));
        }
        var sources = TrackedSteps.SourceOutputs(result);
        Assert.NotEmpty(sources);
        Assert.All(sources, s => Assert.Equal(IncrementalStepRunReason.Cached, s.Reason));
    }

    /// <summary>Every step that parses a [Connector] class reused its output without running: its input compared equal.</summary>
    private static void AssertNotParsedAgain(GeneratorRunResult result)
    {
        var inputs = TrackedSteps.Outputs(result, TrackingNames.ConnectorInputs);
        Assert.NotEmpty(inputs);
        Assert.All(inputs, output => Assert.Contains(output.Reason, CachedOrUnchanged));
        foreach (var step in new[] { TrackingNames.ConnectorModels, TrackingNames.EntryPointCandidates })
        {
            var outputs = TrackedSteps.Outputs(result, step);
            Assert.NotEmpty(outputs);
            Assert.All(outputs, output => Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));
        }
    }

    private static string Helper(int version) => $$"""
        namespace Sample.Helpers;

        internal static class Helper
        {
            public static int Next(int value) => value + {{version}};
        }
        """;

    private static (string Path, string Text)[] TwoConnectors(string extraProperty) =>
    [
        ("Alpha.cs", $$"""
            using System.Collections.Generic;
            using Connectors;

            namespace Sample;

            public sealed record AlphaItem(int Id);

            [Connector("source-alpha")]
            public partial class AlphaSource
            {
                [ConfigProperty] public int Count { get; set; } = 1;
                {{extraProperty}}

                [Check] public CheckResult Check() => CheckResult.Success();

                [Stream("items")] public IEnumerable<AlphaItem> Items() => [];
            }
            """),
        ("Beta.cs", """
            using System.Collections.Generic;
            using Connectors;

            namespace Sample;

            public sealed record BetaItem(string Key);

            [Connector("source-beta")]
            public partial class BetaSource
            {
                [ConfigProperty] public string Name { get; set; } = "";

                [Check] public CheckResult Check() => CheckResult.Success();

                [Stream("items")] public IEnumerable<BetaItem> Items() => [];
            }
            """),
    ];
}
