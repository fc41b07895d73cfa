using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace Connectors.Generators.Tests.Harness;

/// <summary>Reads the incremental pipeline's tracked steps (what a run computed, and why).</summary>
internal static class TrackedSteps
{
    /// <summary>Every step name in <see cref="TrackingNames"/>, read from its constants so a new step cannot be missed.</summary>
    public static IReadOnlyList<string> Names { get; } = typeof(TrackingNames)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToList();

    private static object? Input(IncrementalGeneratorRunStep step)
    {
        var (source, index) = step.Inputs[0];
        return source.Outputs[index].Value;
    }

    /// <summary>The outputs of one named step (empty when the step did not run).</summary>
    public static IReadOnlyList<(object Value, IncrementalStepRunReason Reason)> Outputs(GeneratorRunResult result, string step) =>
        result.TrackedSteps.TryGetValue(step, out var steps) ? steps.SelectMany(s => s.Outputs).ToList() : [];

    /// <summary>
    /// Every run of a source output (RegisterSourceOutput callback) with the pipeline value it was given (a connector
    /// model, or the entry point's target) and why it ran or was reused.
    /// </summary>
    public static IReadOnlyList<(object? Input, IncrementalStepRunReason Reason)> SourceOutputs(GeneratorRunResult result) =>
        result.TrackedOutputSteps.SelectMany(p => p.Value)
            .SelectMany(step => step.Outputs.Select(output => (Input(step), output.Reason)))
            .ToList();
}
