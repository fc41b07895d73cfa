using System.Collections.Immutable;
using System.Linq;
using Connectors.Generators.Model;
using Connectors.Generators.Tests.Generation;
using Connectors.Generators.Tests.Harness;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace Connectors.Generators.Tests.Caching;

/// <summary>
/// The incremental pipeline with commands: the CommandConnectors step and its output stay cached when nothing that
/// shapes them changes and regenerate when a command's signature does; the commands model is equatable.
/// </summary>
public sealed class CommandCachingTests
{
    private static readonly IncrementalStepRunReason[] CachedOrUnchanged = [IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged];

    [Fact]
    public void Cloned_compilation_reuses_the_commands_step_and_every_source()
    {
        var compilation = TestCompilation.Create(CommandSources.Complete);
        var first = GeneratorHarness.Run(compilation);

        var second = first.Driver.RunGenerators(compilation.Clone()).GetRunResult().Results[0];

        AssertReasons(second, TrackingNames.CommandConnectors, CachedOrUnchanged);
        Assert.All(TrackedSteps.SourceOutputs(second), s => Assert.Equal(IncrementalStepRunReason.Cached, s.Reason));
    }

    [Fact]
    public void Adding_an_unrelated_file_leaves_the_commands_step_unchanged()
    {
        var compilation = TestCompilation.Create(CommandSources.Complete);
        var first = GeneratorHarness.Run(compilation);

        var second = first.Driver.RunGenerators(compilation.AddSyntaxTrees(TestCompilation.Parse("namespace Other; public struct Unrelated { }", "Unrelated.cs")))
            .GetRunResult().Results[0];

        AssertReasons(second, TrackingNames.ConnectorModels, CachedOrUnchanged);
        AssertReasons(second, TrackingNames.CommandConnectors, CachedOrUnchanged);
        Assert.All(TrackedSteps.SourceOutputs(second), s => Assert.Equal(IncrementalStepRunReason.Cached, s.Reason));
    }

    [Fact]
    public void Editing_a_command_body_regenerates_nothing()
    {
        var compilation = TestCompilation.Create(CommandSources.Complete);
        var first = GeneratorHarness.Run(compilation);

        var second = first.Driver.RunGenerators(Replace(compilation, "new(1, new[] { name }, mode)", "new(2, new[] { name, name }, mode)"))
            .GetRunResult().Results[0];

        // A body is not a declaration: the input keeps its fingerprint and the class is not parsed again.
        AssertReasons(second, TrackingNames.ConnectorInputs, CachedOrUnchanged);
        AssertReasons(second, TrackingNames.ConnectorModels, [IncrementalStepRunReason.Cached]);
        AssertReasons(second, TrackingNames.CommandConnectors, CachedOrUnchanged);
        Assert.All(TrackedSteps.SourceOutputs(second), s => Assert.Equal(IncrementalStepRunReason.Cached, s.Reason));
    }

    [Fact]
    public void Changing_a_command_signature_regenerates_the_commands()
    {
        var compilation = TestCompilation.Create(CommandSources.Complete);
        var first = GeneratorHarness.Run(compilation);

        var second = first.Driver.RunGenerators(Replace(compilation,
            "public void Void(ILogger logger, OperatingStatus status)", "public void Void(ILogger logger, OperatingStatus status, int extra)"))
            .GetRunResult().Results[0];

        AssertReasons(second, TrackingNames.CommandConnectors, [IncrementalStepRunReason.Modified]);
        Assert.Contains("int extraArg = default!;", second.GeneratedSources.Single(s => s.HintName == "Sample.SampleConnector.Commands.g.cs").SourceText.ToString());
    }

    [Fact]
    public void Compiling_the_same_source_twice_gives_equal_commands_models()
    {
        var first = CommandsModel(CommandSources.Complete);
        var second = CommandsModel(CommandSources.Complete);

        Assert.NotSame(first, second);
        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
        Assert.Equal(6, first.Commands.Count);
        Assert.Equal(8, first.Hooks.Count);
        Assert.Equal(2, first.PayloadObjects.Count);
    }

    [Fact]
    public void The_commands_step_holds_no_symbols_syntax_or_compilations()
    {
        var run = GeneratorHarness.Run(CommandSources.Complete);

        var outputs = TrackedSteps.Outputs(run.Result, TrackingNames.CommandConnectors);
        Assert.NotEmpty(outputs);
        Assert.All(outputs, output => Assert.Null(ObjectGraph.FindRoslynObject(output.Value)));
    }

    private static CommandsModel CommandsModel(string source)
    {
        ImmutableArray<object> models = default;
        var generator = new ConnectorGenerator { OnModelsBuilt = built => models = built };
        GeneratorHarness.Run(GeneratorHarness.CreateDriver(generator), TestCompilation.Create(source));
        return ((ConnectorModel)Assert.Single(models)).Commands!;
    }

    private static void AssertReasons(GeneratorRunResult result, string step, IncrementalStepRunReason[] allowed)
    {
        var outputs = TrackedSteps.Outputs(result, step);
        Assert.NotEmpty(outputs);
        Assert.All(outputs, output => Assert.Contains(output.Reason, allowed));
    }

    private static Microsoft.CodeAnalysis.CSharp.CSharpCompilation Replace(Microsoft.CodeAnalysis.CSharp.CSharpCompilation compilation, string from, string to)
    {
        var tree = compilation.SyntaxTrees.Single();
        var text = tree.GetText().ToString();
        Assert.Contains(from, text);
        return compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(SourceText.From(text.Replace(from, to))));
    }
}
