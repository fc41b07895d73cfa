using Connectors.Generators.Helpers;
using Xunit;

namespace Connectors.Generators.Tests.Parsing;

/// <summary>
/// The Levenshtein distance behind every "did you mean" suggestion (CONN0062's read method, a stream's cursor and key
/// fields): one edit per insertion, deletion or substitution, case ignored unless asked.
/// </summary>
public sealed class EditDistanceTests
{
    [Theory]
    [InlineData("", "", 0)]
    [InlineData("", "abc", 3)]
    [InlineData("abc", "", 3)]
    [InlineData("ReadTable", "ReadTable", 0)]
    [InlineData("ReadTable", "ReadTables", 1)] // insertion
    [InlineData("ReadTables", "ReadTable", 1)] // deletion
    [InlineData("ReadTable", "ReadCable", 1)] // substitution
    [InlineData("ReadTabel", "ReadTable", 2)] // a transposition is two edits
    [InlineData("kitten", "sitting", 3)]
    [InlineData("sitting", "kitten", 3)]
    [InlineData("flaw", "lawn", 2)]
    [InlineData("updated_at", "updatedAt", 1)] // the underscore; "a" and "A" are the same letter
    public void Counts_insertions_deletions_and_substitutions(string a, string b, int expected) =>
        Assert.Equal(expected, EditDistance.Between(a, b));

    [Theory]
    [InlineData("READTABLE", "ReadTable", true, 0)]
    [InlineData("READTABLE", "ReadTable", false, 7)]
    [InlineData("readTable", "ReadTable", false, 1)]
    [InlineData("ReadTable", "ReadTable", false, 0)]
    public void Ignores_case_only_when_asked(string a, string b, bool ignoreCase, int expected) =>
        Assert.Equal(expected, EditDistance.Between(a, b, ignoreCase));

    [Fact]
    public void Ignores_case_by_default() => Assert.Equal(0, EditDistance.Between("Cursor", "cURSOR"));
}
