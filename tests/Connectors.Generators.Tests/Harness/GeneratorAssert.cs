using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Connectors.Generators.Tests.Harness;

/// <summary>Assertions every generator run must pass.</summary>
internal static class GeneratorAssert
{
    /// <summary>The generator reports nothing (the analyzer does) and never throws.</summary>
    public static void Quiet(GeneratorRun run)
    {
        Assert.Null(run.Result.Exception);
        Assert.Empty(run.Result.Diagnostics);
        Assert.Empty(run.DriverDiagnostics);
    }

    /// <summary>The program with the generated sources added compiles without a single warning.</summary>
    public static void CompilesCleanly(GeneratorRun run)
    {
        var problems = run.Output.GetDiagnostics()
            .Where(d => d.Severity is DiagnosticSeverity.Warning or DiagnosticSeverity.Error)
            .Select(d => d.ToString())
            .ToList();
        Assert.True(problems.Count == 0, "The generated program does not compile cleanly:\n" + string.Join("\n", problems));
    }

    /// <summary>Quiet, and the result compiles cleanly.</summary>
    public static void Succeeds(GeneratorRun run)
    {
        Quiet(run);
        CompilesCleanly(run);
    }

    /// <summary>The hint names of the generated files, ordinal order.</summary>
    public static string[] HintNames(GeneratorRun run) =>
        run.Result.GeneratedSources.Select(s => s.HintName).OrderBy(n => n, System.StringComparer.Ordinal).ToArray();
}
