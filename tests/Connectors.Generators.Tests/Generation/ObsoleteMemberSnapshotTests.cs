using System.IO;
using System.Linq;
using Connectors.Generators.Tests.Harness;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace Connectors.Generators.Tests.Generation;

/// <summary>
/// Members the author marked [Obsolete] or [Experimental] are still config, records, streams and commands: the
/// generated code names them, and a build that treats warnings as errors (the templates' default) must still pass.
/// </summary>
public sealed class ObsoleteMemberSnapshotTests
{
    private const string Source = """
        using System;
        using System.Collections.Generic;
        using System.Diagnostics.CodeAnalysis;
        using Connectors;

        namespace Sample;

        public enum Status
        {
            Active,
            [Obsolete] Retired,
            [Obsolete("Closed replaces it", DiagnosticId = "SAMPLE004")] Archived,
            Closed,
        }

        public sealed record Item(long Id, [property: Obsolete("Use Title")] string Name, Status Status)
        {
            [Obsolete("Use Id", DiagnosticId = "SAMPLE001")]
            public long LegacyId => Id;
        }

        [Obsolete("The legacy feed goes away in 2.0", DiagnosticId = "SAMPLE002")]
        public sealed record LegacyItem(long Id);

        #pragma warning disable SAMPLE003 // the author opts in to their own experimental type where they declare its use
        [Experimental("SAMPLE003")]
        public sealed class Tuning
        {
            [ConfigProperty] public int BatchSize { get; set; } = 100;
        }

        [Connector("source-obsolete")]
        public partial class ObsoleteSource
        {
            [ConfigProperty] public string Region { get; set; } = "eu";

            [Obsolete]
            [ConfigProperty] public int Limit { get; set; } = 10;

            [Obsolete("Use Region", DiagnosticId = "SAMPLE005")]
            [ConfigProperty] public string? Zone { get; set; }

            [ConfigProperty] public Tuning Tuning { get; set; } = new();

            [Check] public CheckResult Check() => CheckResult.Success();

            [Stream("items")] public IEnumerable<Item> Items() => [];

            [Obsolete("The legacy feed goes away in 2.0", DiagnosticId = "SAMPLE002")]
            [Stream("legacy")] public IEnumerable<LegacyItem> Legacy() => [];

            [Obsolete("Use Items", DiagnosticId = "SAMPLE006")]
            [Command("Sample.Refresh")] public Item Refresh(Item item) => item;
        }
        #pragma warning restore SAMPLE003
        """;

    [Fact]
    public void Obsolete_and_experimental_members_of_every_kind()
    {
        var run = Snapshot.GenerateAndVerify(Source);

        Assert.All(run.Result.GeneratedSources, source =>
            Assert.Contains("#pragma warning disable CS0612, CS0618, SAMPLE001, SAMPLE002, SAMPLE003, SAMPLE004, SAMPLE005, SAMPLE006\n",
                source.SourceText.ToString()));
        AssertBuildsWithWarningsAsErrors(run);
    }

    [Fact]
    public void An_obsolete_connector_class_gets_a_Main_that_builds()
    {
        var source = Source.Replace("[Connector(\"source-obsolete\")]",
            "[Obsolete(\"Use the v2 source\", DiagnosticId = \"SAMPLE007\")]\n[Connector(\"source-obsolete\")]");

        var run = GeneratorHarness.Run(source, OutputKind.ConsoleApplication);

        GeneratorAssert.Succeeds(run);
        var program = run.Result.GeneratedSources.Single(s => s.HintName == "Sample.ObsoleteSource.Program.g.cs").SourceText.ToString();
        Assert.Contains("#pragma warning disable CS0612, CS0618, SAMPLE007\n", program);
        AssertBuildsWithWarningsAsErrors(run);
    }

    [Fact]
    public void Without_the_pragma_the_generated_code_would_warn()
    {
        // The test above can fail: strip the pragma and the author's [Obsolete] members warn in generated code.
        var run = GeneratorHarness.Run(Source);
        var stripped = run.Output.SyntaxTrees.Select(tree => tree.FilePath.EndsWith(".g.cs", System.StringComparison.Ordinal)
            ? tree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(
                string.Join("\n", tree.GetText().ToString().Split('\n').Where(line => !line.StartsWith("#pragma warning disable CS0612", System.StringComparison.Ordinal)))))
            : tree);
        var compilation = run.Output.RemoveAllSyntaxTrees().AddSyntaxTrees(stripped);

        var ids = compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.Id).Distinct().Order().ToArray();

        Assert.Equal(new[] { "CS0612", "CS0618", "SAMPLE001", "SAMPLE002", "SAMPLE003", "SAMPLE004", "SAMPLE005", "SAMPLE006" }, ids);
    }

    private static void AssertBuildsWithWarningsAsErrors(GeneratorRun run)
    {
        var strict = run.Output.WithOptions(((CSharpCompilationOptions)run.Output.Options).WithGeneralDiagnosticOption(ReportDiagnostic.Error));
        using var assembly = new MemoryStream();

        var result = strict.Emit(assembly);

        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
    }
}
