using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Connectors.Generators.Tests.Harness;

/// <summary>
/// Compilations of test programs: C# 12 (the lowest language the generator supports), nullable enabled, and every
/// warning wave on, as in an SDK project, so "compiles without warnings" means what it means in a build.
/// </summary>
internal static class TestCompilation
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.CSharp12);

    /// <summary>One source file, <c>Program.cs</c>.</summary>
    public static CSharpCompilation Create(string source, OutputKind kind = OutputKind.DynamicallyLinkedLibrary) =>
        Create(new[] { ("Program.cs", source) }, kind);

    /// <summary>Several source files, each with its path.</summary>
    public static CSharpCompilation Create(IEnumerable<(string Path, string Text)> sources, OutputKind kind = OutputKind.DynamicallyLinkedLibrary) =>
        CSharpCompilation.Create(
            "TestConnector",
            sources.Select(source => Parse(source.Text, source.Path)),
            TestReferences.All,
            new CSharpCompilationOptions(kind, nullableContextOptions: NullableContextOptions.Enable, warningLevel: 9999));

    public static SyntaxTree Parse(string text, string path = "Program.cs") =>
        CSharpSyntaxTree.ParseText(text, ParseOptions, path);
}
