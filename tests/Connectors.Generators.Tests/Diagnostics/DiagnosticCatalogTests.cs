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

    /// <summary>Ids left free for rules written in parallel (the stream-completion rules start at 60); shrink it as they are taken.</summary>
    private static readonly int[] NotYetAssigned = Enumerable.Range(47, 13).ToArray();

    /// <summary>Ids set aside for an area and never used (destinations: up to 25, commands: up to 35); ids are never reused, so these stay unassigned.</summary>
    private static readonly int[] Reserved = [24, 25, 33, 34, 35, .. NotYetAssigned];

    [Fact]
    public void Ids_are_numbered_without_gaps()
    {
        var expected = Enumerable.Range(1, Descriptors.Length + Reserved.Length).Except(Reserved).Select(n => $"CONN{n:0000}");

        Assert.Equal(expected, Descriptors.Select(d => d.Id));
    }

    [Fact]
    public void The_analyzer_supports_every_descriptor()
    {
        var supported = ConnectorsTestSetup.Analyzers.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).OrderBy(id => id, StringComparer.Ordinal);

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
