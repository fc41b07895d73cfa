using System.Threading.Tasks;
using Connectors.CodeFixes.Tests.Harness;
using Xunit;
using static Connectors.CodeFixes.Tests.Sources;

namespace Connectors.CodeFixes.Tests;

/// <summary>Fixes inside attributes: the closest member for PrimaryKey/Cursor (CONN0006, CONN0007), Secret = true (CONN0039).</summary>
public sealed class ConfigAndStreamFixTests
{
    private static string Source(string stream, string config = "") => Usings + $$"""
        [Connector("source-test")]
        public partial class TestSource
        {
            {{config}}
            [Check] public CheckResult Check() => CheckResult.Success();
            {{stream}}
        }
        """;

    [Theory]
    [InlineData("PrimaryKey = \"ID\"", "PrimaryKey = \"Id\"")]
    [InlineData("PrimaryKey = \"Idd\"", "PrimaryKey = \"Id\"")]
    [InlineData("PrimaryKey = \"Id, nmae\"", "PrimaryKey = \"Id, name\"")]
    [InlineData("PrimaryKey = \"Id,Nmae\"", "PrimaryKey = \"Id,Name\"")]
    [InlineData("PrimaryKey = nameof(Item.Nmae)", "PrimaryKey = nameof(Item.Name)")]
    public async Task CONN0006_primary_key_becomes_the_closest_member(string wrong, string right)
    {
        var fixedSource = await CodeFixHarness.FixAsync(new UseClosestMemberCodeFix(),
            Source($"[Stream(\"items\", {wrong})] public IEnumerable<Item> Items() => [];"), "CONN0006");

        Assert.Equal(Source($"[Stream(\"items\", {right})] public IEnumerable<Item> Items() => [];"), fixedSource);
    }

    [Theory]
    [InlineData("Cursor = \"UpdatedAtt\"", "Cursor = \"UpdatedAt\"")]
    [InlineData("Cursor = \"updated\"", "Cursor = \"UpdatedAt\"")]
    [InlineData("Cursor = \"updated__at\"", "Cursor = \"updated_at\"")]
    [InlineData("Cursor = nameof(Item.updatedat)", "Cursor = nameof(Item.UpdatedAt)")]
    public async Task CONN0007_cursor_becomes_the_closest_member(string wrong, string right)
    {
        var fixedSource = await CodeFixHarness.FixAsync(new UseClosestMemberCodeFix(),
            Source($"[Stream(\"items\", {wrong})] public IEnumerable<Item> Items() => [];"), "CONN0007");

        Assert.Equal(Source($"[Stream(\"items\", {right})] public IEnumerable<Item> Items() => [];"), fixedSource);
    }

    [Fact]
    public async Task CONN0007_no_fix_for_a_computed_name() =>
        await CodeFixHarness.AssertNoFixAsync(new UseClosestMemberCodeFix(),
            Source("[Stream(\"items\", Cursor = \"Updated\" + \"Att\")] public IEnumerable<Item> Items() => [];"), "CONN0007");

    [Theory]
    [InlineData("[ConfigProperty] public string ApiKey { get; set; } = \"\";", "[ConfigProperty(Secret = true)] public string ApiKey { get; set; } = \"\";")]
    [InlineData("[ConfigProperty()] public string Password { get; set; } = \"\";", "[ConfigProperty(Secret = true)] public string Password { get; set; } = \"\";")]
    [InlineData("[ConfigProperty(Name = \"token\", Order = 1)] public string Key { get; set; } = \"\";", "[ConfigProperty(Name = \"token\", Order = 1, Secret = true)] public string Key { get; set; } = \"\";")]
    [InlineData("[System.ComponentModel.Category(\"auth\"), Connectors.ConfigPropertyAttribute] public string? ClientSecret { get; set; }", "[System.ComponentModel.Category(\"auth\"), Connectors.ConfigPropertyAttribute(Secret = true)] public string? ClientSecret { get; set; }")]
    public async Task CONN0039_marks_the_property_secret(string property, string expected)
    {
        const string stream = "[Stream(\"items\")] public IEnumerable<Item> Items() => [];";

        var fixedSource = await CodeFixHarness.FixAsync(new AddSecretCodeFix(), Source(stream, property), "CONN0039");

        Assert.Equal(Source(stream, expected), fixedSource);
    }

    [Fact]
    public async Task CONN0039_fix_all_marks_every_secret_in_the_document()
    {
        const string stream = "[Stream(\"items\")] public IEnumerable<Item> Items() => [];";
        const string config = "[ConfigProperty] public string Password { get; set; } = \"\";\n    [ConfigProperty(Order = 2)] public string ApiToken { get; set; } = \"\";";

        var fixedSource = await CodeFixHarness.FixAllAsync(new AddSecretCodeFix(), Source(stream, config), "CONN0039");

        Assert.Equal(Source(stream, "[ConfigProperty(Secret = true)] public string Password { get; set; } = \"\";\n    [ConfigProperty(Order = 2, Secret = true)] public string ApiToken { get; set; } = \"\";"),
            fixedSource);
    }
}
