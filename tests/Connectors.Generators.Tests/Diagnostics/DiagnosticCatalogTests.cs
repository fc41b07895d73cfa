using System;
using System.IO;
using System.Linq;
using System.Reflection;
using Connectors.Generators.Analyzers;
using Connectors.Generators.Diagnostics;
using Connectors.Generators.Tests.Harness;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Connectors.Generators.Tests.Diagnostics;

/// <summary>The diagnostic catalogue is complete: the analyzer declares every rule, each has docs, release notes and tests.</summary>
public sealed class DiagnosticCatalogTests
{
    private static readonly DiagnosticDescriptor[] Descriptors = typeof(DiagnosticDescriptors)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
        .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
        .OrderBy(d => d.Id, StringComparer.Ordinal)
        .ToArray();

    // Taken by rules on branches merged separately (destinations: CONN0018–CONN0025, commands: CONN0026–CONN0035).
    private static readonly string[] Reserved = Enumerable.Range(18, 18).Select(n => $"CONN{n:0000}").ToArray();

    [Fact]
    public void Ids_are_numbered_without_gaps()
    {
        var last = int.Parse(Descriptors[^1].Id["CONN".Length..], System.Globalization.CultureInfo.InvariantCulture);
        var expected = Enumerable.Range(1, last).Select(n => $"CONN{n:0000}")
            .Where(id => !Reserved.Contains(id) || Descriptors.Any(d => d.Id == id));

        Assert.Equal(expected, Descriptors.Select(d => d.Id));
    }

    [Fact]
    public void The_analyzer_supports_every_descriptor()
    {
        var supported = AnalyzerHarness.Analyzers.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).OrderBy(id => id, StringComparer.Ordinal);

        Assert.Equal(Descriptors.Select(d => d.Id), supported);
    }

    [Fact]
    public void Every_rule_has_a_help_page_and_a_release_note()
    {
        var releases = File.ReadAllLines(Path.Combine(RepoPaths.Root, "src", "Connectors.Generators", "AnalyzerReleases.Unshipped.md"));
        foreach (var descriptor in Descriptors)
        {
            Assert.EndsWith("/docs/diagnostics/" + descriptor.Id + ".md", descriptor.HelpLinkUri);
            Assert.True(File.Exists(Path.Combine(RepoPaths.Root, "docs", "diagnostics", descriptor.Id + ".md")), descriptor.Id + " has no help page");
            Assert.Contains($"{descriptor.Id} | {descriptor.Category} | {descriptor.DefaultSeverity} | {descriptor.Title}", releases);
        }
    }

    [Fact]
    public void Every_rule_has_a_test_that_reports_it_and_one_that_fixes_it()
    {
        var tests = typeof(DiagnosticCatalogTests).Assembly.GetTypes()
            .Where(t => t.Namespace == typeof(DiagnosticCatalogTests).Namespace)
            .SelectMany(t => t.GetMethods())
            .Where(m => m.GetCustomAttributes<FactAttribute>().Any())
            .Select(m => m.Name)
            .ToList();
        foreach (var descriptor in Descriptors)
        {
            Assert.Contains(tests, name => name.StartsWith(descriptor.Id + "_", StringComparison.Ordinal) && !name.EndsWith("_fixed", StringComparison.Ordinal));
            Assert.Contains(descriptor.Id + "_fixed", tests);
        }
    }
}
