using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Connectors.Generators.Benchmarks;

/// <summary>
/// A large connector project: one source with <see cref="ConfigProperties"/> config properties and <see cref="Streams"/>
/// streams, each stream with its own record type, plus <see cref="UnrelatedFiles"/> files that have nothing to do with the
/// connector (the kind of file most edits touch).
/// </summary>
internal static class SyntheticProject
{
    public const int Streams = 100;
    public const int ConfigProperties = 200;
    public const int UnrelatedFiles = 20;

    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.CSharp12);

    /// <summary>The path of the unrelated file the incremental benchmark edits.</summary>
    public const string EditedPath = "Unrelated/Helper0.cs";

    public static CSharpCompilation Create() =>
        CSharpCompilation.Create(
            "Synthetic.Source",
            Sources().Select(source => CSharpSyntaxTree.ParseText(source.Text, ParseOptions, source.Path)),
            Connectors.Generators.Tests.Harness.TestReferences.All,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));

    /// <summary>The unrelated file, with one method body changed: <paramref name="version"/> differs per edit.</summary>
    public static SyntaxTree EditedUnrelatedFile(int version) =>
        CSharpSyntaxTree.ParseText(Unrelated(0, version), ParseOptions, EditedPath);

    private static IEnumerable<(string Path, string Text)> Sources()
    {
        yield return ("SyntheticSource.cs", Connector());
        yield return ("Records.cs", Records());
        for (var i = 0; i < UnrelatedFiles; i++)
        {
            yield return ($"Unrelated/Helper{i}.cs", Unrelated(i, version: 0));
        }
    }

    private static string Connector()
    {
        var text = new StringBuilder("""
            using System;
            using System.Collections.Generic;
            using System.Threading;
            using Connectors;

            namespace Synthetic;

            /// <summary>A connector with many settings and many streams.</summary>
            [Connector("source-synthetic", Version = "1.0.0")]
            public sealed partial class SyntheticSource
            {

            """);
        for (var i = 0; i < ConfigProperties; i++)
        {
            text.Append("    /// <summary>Setting number ").Append(i).Append(".</summary>\n");
            text.Append(ConfigProperty(i)).Append("\n\n");
        }
        text.Append("    [Check]\n    public CheckResult Check() => CheckResult.Success();\n\n");
        for (var i = 0; i < Streams; i++)
        {
            text.Append($$"""
                    /// <summary>Stream number {{i}}.</summary>
                    [Stream("stream_{{i}}", PrimaryKey = nameof(Record{{i}}.Id), Cursor = nameof(Record{{i}}.UpdatedAt), SortedByCursor = true)]
                    public IEnumerable<Record{{i}}> Stream{{i}}(DateTimeOffset? since, CancellationToken cancellationToken)
                    {
                        for (var id = 1; id <= Setting0; id++)
                        {
                            yield return new Record{{i}}(id, "name", DateTimeOffset.UnixEpoch.AddSeconds(id), id * 1.5m, null, new[] { "a" });
                        }
                    }


                """);
        }
        return text.Append("}\n").ToString();
    }

    // A mix of the types and options authors use.
    private static string ConfigProperty(int i) => (i % 5) switch
    {
        0 => $"    [ConfigProperty(Minimum = 1, Maximum = 1000, Order = {i})]\n    public int Setting{i} {{ get; set; }} = 10;",
        1 => $"    [ConfigProperty(Pattern = \"^[a-z]+$\", Examples = new object[] {{ \"abc\" }})]\n    public string Setting{i} {{ get; set; }} = \"abc\";",
        2 => $"    [ConfigProperty(Secret = true)]\n    public string? Setting{i} {{ get; set; }}",
        3 => $"    [ConfigProperty]\n    public bool Setting{i} {{ get; set; }}",
        _ => $"    [ConfigProperty(Group = \"advanced\")]\n    public DateTimeOffset? Setting{i} {{ get; set; }}",
    };

    private static string Records()
    {
        var text = new StringBuilder("using System;\n\nnamespace Synthetic;\n\n");
        for (var i = 0; i < Streams; i++)
        {
            text.Append($"/// <summary>A record of stream_{i}.</summary>\n");
            text.Append($"public sealed record Record{i}(long Id, string Name, DateTimeOffset UpdatedAt, decimal Amount, string? Note, string[] Tags);\n\n");
        }
        return text.ToString();
    }

    private static string Unrelated(int i, int version) => $$"""
        using System;
        using System.Collections.Generic;
        using System.Linq;

        namespace Synthetic.Helpers;

        internal static class Helper{{i}}
        {
            public static int Sum(IEnumerable<int> values) => values.Sum() + {{version}};

            public static string Describe(DateTimeOffset when) => when.ToString("O") + "-{{version}}";
        }
        """;
}
