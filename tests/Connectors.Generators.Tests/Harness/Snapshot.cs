using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Connectors.Generators.Tests.Harness;

/// <summary>
/// Compares every generated source of a run with <c>Snapshots/{TestClass}.{TestMethod}/{HintName without .cs}.verified.cs</c>
/// beside the test file, and the set of generated files with the set of verified files. A missing snapshot, or any
/// snapshot when <c>UPDATE_SNAPSHOTS=1</c>, is written and the test fails with "snapshot written" so the new text gets
/// reviewed. A mismatch leaves a <c>.received.cs</c> file (git-ignored) next to the verified one.
/// </summary>
/// <remarks>The test class is taken from the test file's name: one test class per file.</remarks>
internal static class Snapshot
{
    private const string Verified = ".verified.cs";
    private const string Received = ".received.cs";

    private static readonly Regex GeneratorVersion = new(@"GeneratedCode\(""Connectors\.Generators"", ""[^""]*""\)", RegexOptions.CultureInvariant);

    /// <summary>
    /// Runs the generator on one source file, checks that it stays quiet and that the result compiles without warnings,
    /// then compares the generated files with the snapshots.
    /// </summary>
    public static GeneratorRun GenerateAndVerify(string source, OutputKind kind = OutputKind.DynamicallyLinkedLibrary,
        [CallerFilePath] string testFile = "", [CallerMemberName] string testName = "")
    {
        var run = GeneratorHarness.Run(source, kind);
        GeneratorAssert.Succeeds(run);
        Verify(run, testFile, testName);
        return run;
    }

    public static void Verify(GeneratorRun run, [CallerFilePath] string testFile = "", [CallerMemberName] string testName = "") =>
        Compare(
            run.Result.GeneratedSources.ToDictionary(source => source.HintName, source => source.SourceText.ToString(), StringComparer.Ordinal),
            Path.Combine(Path.GetDirectoryName(testFile)!, "Snapshots", Path.GetFileNameWithoutExtension(testFile) + "." + testName),
            Environment.GetEnvironmentVariable("UPDATE_SNAPSHOTS") == "1");

    /// <summary>Compares generated files (hint name → text) with the verified files in <paramref name="directory"/>.</summary>
    internal static void Compare(IReadOnlyDictionary<string, string> generated, string directory, bool update)
    {
        var actual = generated.ToDictionary(
            source => Path.GetFileNameWithoutExtension(source.Key) + Verified,
            source => Normalize(source.Value),
            StringComparer.Ordinal);
        Directory.CreateDirectory(directory);
        var existing = Directory.GetFiles(directory, "*" + Verified).Select(Path.GetFileName).Select(n => n!).ToHashSet(StringComparer.Ordinal);

        var written = new List<string>();
        var problems = new List<string>();
        foreach (var stale in existing.Except(actual.Keys).OrderBy(n => n, StringComparer.Ordinal))
        {
            if (update)
            {
                File.Delete(Path.Combine(directory, stale));
                written.Add("deleted " + stale);
            }
            else
            {
                problems.Add($"{stale}: verified, but the generator no longer produces it");
            }
        }
        foreach (var (name, text) in actual.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var path = Path.Combine(directory, name);
            var receivedPath = Path.Combine(directory, name[..^Verified.Length] + Received);
            if (!existing.Contains(name) || update)
            {
                if (!existing.Contains(name) || Normalize(File.ReadAllText(path)) != text)
                {
                    File.WriteAllText(path, text);
                    written.Add(name);
                }
                File.Delete(receivedPath);
                continue;
            }
            var expected = Normalize(File.ReadAllText(path));
            if (expected == text)
            {
                File.Delete(receivedPath);
                continue;
            }
            File.WriteAllText(receivedPath, text);
            problems.Add($"{name}: differs from the verified snapshot ({FirstDifference(expected, text)}); see {Path.GetFileName(receivedPath)}");
        }
        if (written.Count > 0)
        {
            Assert.Fail($"snapshot written in {directory}: {string.Join(", ", written)}. Review the files and commit them.");
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems) + "\nSet UPDATE_SNAPSHOTS=1 to accept the new output.");
    }

    /// <summary>What a snapshot holds: <c>\n</c> line endings and no generator version (it changes with every release).</summary>
    public static string Normalize(string text) =>
        GeneratorVersion.Replace(text.Replace("\r\n", "\n"), "GeneratedCode(\"Connectors.Generators\", \"VERSION\")");

    private static string FirstDifference(string expected, string actual)
    {
        var expectedLines = expected.Split('\n');
        var actualLines = actual.Split('\n');
        for (var i = 0; i < Math.Max(expectedLines.Length, actualLines.Length); i++)
        {
            var e = i < expectedLines.Length ? expectedLines[i] : "<end of file>";
            var a = i < actualLines.Length ? actualLines[i] : "<end of file>";
            if (e != a)
            {
                return $"line {i + 1}: expected `{e.Trim()}`, got `{a.Trim()}`";
            }
        }
        return "same lines";
    }
}
