using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using Connectors.Commands.Tests.Generator.Harness;
using Connectors.Generators;
using Connectors.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace Connectors.Commands.Tests.Generator;

/// <summary>
/// The incremental pipeline with commands: the CommandConnectors step and its output stay cached when nothing that
/// shapes them changes, regenerate when a command's signature does, and the model is equatable and free of Roslyn objects.
/// </summary>
public sealed class CommandCachingTests
{
    private static readonly IncrementalStepRunReason[] Kept = [IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged];

    [Fact]
    public void Running_again_on_the_same_compilation_reuses_the_commands_step_and_every_output()
    {
        var first = GeneratorRun.Generate(CommandSources.Complete);

        var second = first.Rerun(first.Input.Clone());

        AssertReasons(second, TrackingNames.CommandConnectors, Kept);
        Assert.All(second.Result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs),
            output => Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));
    }

    [Fact]
    public void An_unrelated_file_leaves_the_commands_step_unchanged()
    {
        var first = GeneratorRun.Generate(CommandSources.Complete);

        var second = first.Rerun(first.Input.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Other; public struct Unrelated { }", GeneratorRun.ParseOptions)));

        AssertReasons(second, TrackingNames.CommandConnectors, Kept);
        AssertReasons(second, TrackingNames.ConnectorModels, Kept);
    }

    [Fact]
    public void Editing_a_command_body_regenerates_nothing()
    {
        var first = GeneratorRun.Generate(CommandSources.Complete);

        var second = first.Rerun(Replace(first.Input, "new(1, new[] { name }, mode)", "new(2, new[] { name, name }, mode)"));

        AssertReasons(second, TrackingNames.ConnectorModels, [IncrementalStepRunReason.Unchanged]);
        AssertReasons(second, TrackingNames.CommandConnectors, Kept);
    }

    [Fact]
    public void Changing_a_command_signature_regenerates_the_commands()
    {
        var first = GeneratorRun.Generate(CommandSources.Complete);

        var second = first.Rerun(Replace(first.Input, "public void Void(ILogger logger, OperatingStatus status)", "public void Void(ILogger logger, OperatingStatus status, int extra)"));

        AssertReasons(second, TrackingNames.CommandConnectors, [IncrementalStepRunReason.Modified]);
        Assert.Contains("int extraArg = default!;", second.Files["Sample.SampleConnector.Commands.g.cs"]);
    }

    [Fact]
    public void Compiling_the_same_source_twice_gives_equal_commands_models()
    {
        var first = Models(CommandSources.Complete);
        var second = Models(CommandSources.Complete);

        Assert.NotSame(first, second);
        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
        Assert.Equal(6, first.Commands.Count);
        Assert.Equal(7, first.Hooks.Count);
        Assert.Equal(2, first.PayloadObjects.Count);
    }

    [Fact]
    public void The_commands_model_holds_no_Roslyn_objects()
    {
        var model = Models(CommandSources.Complete);

        var objects = Walk(model).ToList();
        Assert.Contains(objects, o => o is TypeShape);
        Assert.DoesNotContain(objects, o => o is ISymbol or SyntaxNode or Compilation or SemanticModel or Location or SyntaxTree);
    }

    private static CommandsModel Models(string source)
    {
        ImmutableArray<object> models = default;
        var generator = new ConnectorGenerator { OnModelsBuilt = built => models = built };
        GeneratorRun.Generate(GeneratorRun.Compile(source), generator);
        return ((ConnectorModel)Assert.Single(models)).Commands!;
    }

    private static void AssertReasons(GeneratorRun run, string step, IncrementalStepRunReason[] allowed)
    {
        var outputs = run.Result.TrackedSteps[step].SelectMany(s => s.Outputs).ToList();
        Assert.NotEmpty(outputs);
        Assert.All(outputs, output => Assert.Contains(output.Reason, allowed));
    }

    private static CSharpCompilation Replace(CSharpCompilation compilation, string from, string to)
    {
        var tree = compilation.SyntaxTrees.Single();
        var text = tree.GetText().ToString();
        Assert.Contains(from, text);
        return compilation.ReplaceSyntaxTree(tree, CSharpSyntaxTree.ParseText(text.Replace(from, to), GeneratorRun.ParseOptions, tree.FilePath));
    }

    /// <summary>Every object reachable from <paramref name="root"/> through fields (strings and primitives excluded).</summary>
    private static IEnumerable<object> Walk(object root)
    {
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<object>([root]);
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            if (current is string || current.GetType().IsPrimitive || current.GetType().IsEnum || !seen.Add(current))
            {
                continue;
            }
            yield return current;
            if (current is IEnumerable items)
            {
                foreach (var item in items)
                {
                    if (item is not null)
                    {
                        pending.Push(item);
                    }
                }
            }
            foreach (var field in current.GetType().GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
            {
                if (field.GetValue(current) is { } value)
                {
                    pending.Push(value);
                }
            }
        }
    }
}
