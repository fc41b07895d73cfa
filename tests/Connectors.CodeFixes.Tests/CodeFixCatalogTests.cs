using System;
using System.Composition;
using System.IO;
using System.Linq;
using System.Reflection;
using Connectors.Generators.Tests.Harness;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Xunit;

namespace Connectors.CodeFixes.Tests;

/// <summary>Every code fix is found by IDEs, tested, and named on its rule's help page.</summary>
public sealed class CodeFixCatalogTests
{
    private static readonly Type[] Providers = typeof(AddPartialCodeFix).Assembly.GetTypes()
        .Where(t => typeof(CodeFixProvider).IsAssignableFrom(t) && !t.IsAbstract)
        .OrderBy(t => t.Name, StringComparer.Ordinal)
        .ToArray();

    public static TheoryData<string> ProviderNames => new(Providers.Select(p => p.Name));

    [Theory]
    [MemberData(nameof(ProviderNames))]
    public void IDEs_find_the_provider(string name)
    {
        var provider = Providers.Single(p => p.Name == name);

        var export = provider.GetCustomAttribute<ExportCodeFixProviderAttribute>();
        Assert.NotNull(export);
        Assert.Contains(LanguageNames.CSharp, export.Languages);
        Assert.NotNull(provider.GetCustomAttribute<SharedAttribute>());
        Assert.NotNull(provider.GetConstructor(Type.EmptyTypes));
    }

    [Fact]
    public void Every_fixable_rule_has_a_fix_test_and_says_so_in_its_docs()
    {
        var tests = typeof(CodeFixCatalogTests).Assembly.GetTypes().SelectMany(t => t.GetMethods())
            .Where(m => m.GetCustomAttributes<FactAttribute>().Any()).Select(m => m.Name).ToList();
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "diagnostics", "README.md"));
        var ids = Providers.SelectMany(p => ((CodeFixProvider)Activator.CreateInstance(p)!).FixableDiagnosticIds).Distinct().ToList();

        Assert.NotEmpty(ids);
        foreach (var id in ids)
        {
            Assert.Contains(tests, name => name.StartsWith(id + "_", StringComparison.Ordinal));
            Assert.Contains("## Code fix", File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "diagnostics", id + ".md")));
            Assert.Contains(id, readme[readme.IndexOf("## Code fixes", StringComparison.Ordinal)..]);
        }
    }

    [Fact]
    public void The_code_fix_assembly_holds_no_analyzer()
    {
        // Analyzers belong in Connectors.Generators, which the compiler loads; this assembly needs the workspace layer,
        // which only IDEs have (RS1038).
        Assert.DoesNotContain(typeof(AddPartialCodeFix).Assembly.GetTypes(),
            t => typeof(Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer).IsAssignableFrom(t) || typeof(IIncrementalGenerator).IsAssignableFrom(t));
    }
}
