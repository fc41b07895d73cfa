using System.Collections.Generic;
using System.IO;
using Xunit;
using Xunit.Sdk;

namespace Connectors.Generators.Tests.Harness;

/// <summary>The snapshot helper fails whenever generated output and verified files disagree, so the snapshot tests can fail.</summary>
public sealed class SnapshotTests
{
    private const string Text = "// x\r\n[GeneratedCode(\"Connectors.Generators\", \"9.8.7\")]\r\nclass A { }\r\n";

    [Fact]
    public void Normalize_scrubs_the_generator_version_and_line_endings() =>
        Assert.Equal("// x\n[GeneratedCode(\"Connectors.Generators\", \"VERSION\")]\nclass A { }\n", Snapshot.Normalize(Text));

    [Fact]
    public void Missing_snapshots_are_written_and_fail_once()
    {
        using var temp = new TempDirectory();

        var error = Assert.ThrowsAny<XunitException>(() => Snapshot.Compare(Files(("A.g.cs", Text)), temp.Path, update: false));

        Assert.StartsWith("snapshot written", error.Message);
        Assert.Equal(Snapshot.Normalize(Text), File.ReadAllText(Path.Combine(temp.Path, "A.g.verified.cs")));
        Snapshot.Compare(Files(("A.g.cs", Text.Replace("9.8.7", "1.0.0"))), temp.Path, update: false);
    }

    [Fact]
    public void A_changed_file_fails_and_leaves_the_received_text()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(Path.Combine(temp.Path, "A.g.verified.cs"), Snapshot.Normalize(Text));

        var error = Assert.ThrowsAny<XunitException>(() => Snapshot.Compare(Files(("A.g.cs", Text.Replace("class A", "class B"))), temp.Path, update: false));

        Assert.Contains("A.g.verified.cs: differs from the verified snapshot (line 3: expected `class A { }`, got `class B { }`)", error.Message);
        Assert.Contains("class B", File.ReadAllText(Path.Combine(temp.Path, "A.g.received.cs")));
        Assert.Equal(Snapshot.Normalize(Text), File.ReadAllText(Path.Combine(temp.Path, "A.g.verified.cs")));
    }

    [Fact]
    public void A_file_the_generator_no_longer_produces_fails()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(Path.Combine(temp.Path, "A.g.verified.cs"), Snapshot.Normalize(Text));
        File.WriteAllText(Path.Combine(temp.Path, "Gone.g.verified.cs"), "");

        var error = Assert.ThrowsAny<XunitException>(() => Snapshot.Compare(Files(("A.g.cs", Text)), temp.Path, update: false));

        Assert.Contains("Gone.g.verified.cs: verified, but the generator no longer produces it", error.Message);
    }

    [Fact]
    public void Updating_rewrites_changed_files_deletes_stale_ones_and_fails_once()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(Path.Combine(temp.Path, "A.g.verified.cs"), "old");
        File.WriteAllText(Path.Combine(temp.Path, "Gone.g.verified.cs"), "");

        var error = Assert.ThrowsAny<XunitException>(() => Snapshot.Compare(Files(("A.g.cs", Text)), temp.Path, update: true));

        Assert.StartsWith("snapshot written", error.Message);
        Assert.Equal(new[] { Path.Combine(temp.Path, "A.g.verified.cs") }, Directory.GetFiles(temp.Path));
        Snapshot.Compare(Files(("A.g.cs", Text)), temp.Path, update: true);
    }

    private static Dictionary<string, string> Files(params (string Name, string Text)[] files)
    {
        var result = new Dictionary<string, string>();
        foreach (var (name, text) in files)
        {
            result[name] = text;
        }
        return result;
    }
}
