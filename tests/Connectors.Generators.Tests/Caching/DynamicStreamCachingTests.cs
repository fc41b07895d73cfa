using System.Collections.Immutable;
using System.Linq;
using Connectors.Generators.Model;
using Connectors.Generators.Tests.Generation;
using Connectors.Generators.Tests.Harness;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace Connectors.Generators.Tests.Caching;

/// <summary>
/// The DynamicStreamConnectors step: cached when nothing that shapes a family changes (a clone,
/// an unrelated file, a read method's body), modified when a read method's signature does; its values hold no
/// Roslyn objects.
/// </summary>
public sealed class DynamicStreamCachingTests
{
    private static readonly IncrementalStepRunReason[] CachedOrUnchanged = [IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged];

    private const string DynamicFile = "Sample.TablesSource.DynamicStreams.g.cs";

    [Fact]
    public void Cloned_compilation_reuses_the_dynamic_stream_step_and_every_source()
    {
        var compilation = TestCompilation.Create(DynamicStreamSources.TablesOnly);
        var first = GeneratorHarness.Run(compilation);
        GeneratorAssert.Succeeds(first);

        var second = first.Driver.RunGenerators(compilation.Clone()).GetRunResult().Results[0];

        AssertReasons(second, TrackingNames.DynamicStreamConnectors, CachedOrUnchanged);
        Assert.All(TrackedSteps.SourceOutputs(second), s => Assert.Equal(IncrementalStepRunReason.Cached, s.Reason));
    }

    [Fact]
    public void Adding_an_unrelated_file_leaves_the_dynamic_stream_step_unchanged()
    {
        var compilation = TestCompilation.Create(DynamicStreamSources.TablesOnly);
        var first = GeneratorHarness.Run(compilation);

        var second = first.Driver.RunGenerators(compilation.AddSyntaxTrees(TestCompilation.Parse("namespace Other; public struct Unrelated { }", "Unrelated.cs")))
            .GetRunResult().Results[0];

        AssertReasons(second, TrackingNames.DynamicStreamConnectors, CachedOrUnchanged);
        Assert.All(TrackedSteps.SourceOutputs(second), s => Assert.Equal(IncrementalStepRunReason.Cached, s.Reason));
    }

    [Fact]
    public void Editing_a_read_method_body_regenerates_nothing()
    {
        var compilation = TestCompilation.Create(DynamicStreamSources.TablesOnly);
        var first = GeneratorHarness.Run(compilation);

        var second = first.Driver.RunGenerators(Replace(compilation, "rows.WriteRow(\"{}\"u8); /*BODY*/", "rows.WriteRow(\"{\\\"a\\\":1}\"u8);"))
            .GetRunResult().Results[0];

        AssertReasons(second, TrackingNames.DynamicStreamConnectors, CachedOrUnchanged);
        Assert.All(TrackedSteps.SourceOutputs(second), s => Assert.Equal(IncrementalStepRunReason.Cached, s.Reason));
    }

    [Fact]
    public void Changing_a_read_method_signature_regenerates_only_the_dynamic_streams()
    {
        var compilation = TestCompilation.Create(DynamicStreamSources.TablesOnly);
        var first = GeneratorHarness.Run(compilation);

        var second = first.Driver.RunGenerators(Replace(compilation,
            "public Task Read(DynamicStreamRequest request, RowWriter rows) /*SIGNATURE*/",
            "public Task Read(RowWriter rows, DynamicStreamRequest request, System.Threading.CancellationToken cancellationToken)"))
            .GetRunResult().Results[0];

        AssertReasons(second, TrackingNames.DynamicStreamConnectors, [IncrementalStepRunReason.Modified]);
        var sources = TrackedSteps.SourceOutputs(second);
        Assert.Equal(IncrementalStepRunReason.Modified, Assert.Single(sources, s => s.Input is DynamicStreamsModel).Reason);
        Assert.Equal(IncrementalStepRunReason.Cached, Assert.Single(sources, s => s.Input is ConnectorModel).Reason);
        Assert.Contains("connector.Read(rows, request, request.CancellationToken)",
            second.GeneratedSources.Single(s => s.HintName == DynamicFile).SourceText.ToString());
    }

    [Fact]
    public void The_dynamic_stream_step_holds_no_symbols_syntax_or_compilations()
    {
        var run = GeneratorHarness.Run(DynamicStreamSources.AllShapes);

        var outputs = TrackedSteps.Outputs(run.Result, TrackingNames.DynamicStreamConnectors);
        Assert.NotEmpty(outputs);
        Assert.All(outputs, output => Assert.Null(ObjectGraph.FindRoslynObject(output.Value)));
        var model = (DynamicStreamsModel)TrackedSteps.Outputs(run.Result, TrackingNames.DynamicStreamConnectors).Single().Value;
        Assert.Equal(new[] { "Tables", "Files", "Resources" }, model.Families.Select(f => f.DiscoverMethod));
    }

    [Fact]
    public void Compiling_the_same_source_twice_gives_equal_dynamic_stream_models()
    {
        var first = Model(DynamicStreamSources.AllShapes);
        var second = Model(DynamicStreamSources.AllShapes);

        Assert.NotSame(first, second);
        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
    }

    private static DynamicStreamsModel Model(string source) =>
        (DynamicStreamsModel)TrackedSteps.Outputs(GeneratorHarness.Run(source).Result, TrackingNames.DynamicStreamConnectors).Single().Value;

    private static void AssertReasons(GeneratorRunResult result, string step, IncrementalStepRunReason[] allowed)
    {
        var outputs = TrackedSteps.Outputs(result, step);
        Assert.NotEmpty(outputs);
        Assert.All(outputs, output => Assert.Contains(output.Reason, allowed));
    }

    private static CSharpCompilation Replace(CSharpCompilation compilation, string from, string to)
    {
        var tree = compilation.SyntaxTrees.Single();
        var text = tree.GetText().ToString();
        Assert.Contains(from, text);
        return compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(SourceText.From(text.Replace(from, to))));
    }
}
