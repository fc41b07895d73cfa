using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Xunit;
using Xunit.Sdk;

namespace Connectors.Commands.Tests.Generator.Harness;

/// <summary>
/// Compares generated files with <c>Snapshots/{Test}/{HintName minus .cs}.verified.cs</c> beside the test. A missing
/// snapshot, or <c>UPDATE_SNAPSHOTS=1</c>, writes the file and fails the test, so a person reviews the diff.
/// </summary>
internal static class Snapshot
{
    private static readonly Regex Version = new(@"GeneratedCode\(""Connectors.Generators"", ""[^""]*""\)");

    /// <summary>Verifies the generated files whose hint names end with one of <paramref name="suffixes"/>.</summary>
    public static void Verify(GeneratorRun run, string[] suffixes, [CallerFilePath] string testFile = "", [CallerMemberName] string test = "")
    {
        var folder = Path.Combine(Path.GetDirectoryName(testFile)!, "Snapshots", test);
        var files = run.Files.Where(f => suffixes.Any(s => f.Key.EndsWith(s, StringComparison.Ordinal)))
            .ToDictionary(f => f.Key[..^".cs".Length] + ".verified.cs", f => Version.Replace(f.Value, @"GeneratedCode(""Connectors.Generators"", ""VERSION"")"));
        var update = Environment.GetEnvironmentVariable("UPDATE_SNAPSHOTS") == "1";
        var problems = new List<string>();
        if (update && Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
        Directory.CreateDirectory(folder);
        foreach (var (name, text) in files)
        {
            var path = Path.Combine(folder, name);
            if (update || !File.Exists(path))
            {
                File.WriteAllText(path, text);
                problems.Add($"snapshot written: {path}");
            }
            else if (File.ReadAllText(path).Replace("\r\n", "\n") != text)
            {
                problems.Add($"differs from {path}:\n{text}");
            }
        }
        foreach (var stale in Directory.GetFiles(folder).Select(Path.GetFileName).Where(n => !files.ContainsKey(n!)))
        {
            problems.Add($"snapshot {stale} has no generated file");
        }
        if (problems.Count > 0)
        {
            throw new XunitException(string.Join("\n\n", problems));
        }
    }
}
