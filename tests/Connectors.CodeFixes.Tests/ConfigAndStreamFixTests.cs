using System.Threading.Tasks;
using Connectors.CodeFixes.Tests.Harness;
using Xunit;
using static Connectors.CodeFixes.Tests.Sources;

namespace Connectors.CodeFixes.Tests;

/// <summary>
/// Fixes inside attributes: the closest member for PrimaryKey/Cursor (CONN0006, CONN0007) and for the read method of
/// [DiscoverStreams] (CONN0062), Secret = true (CONN0039).
/// </summary>
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
    [InlineData("PrimaryKey = {|CONN0006:\"ID\"|}", "PrimaryKey = \"Id\"")]
    [InlineData("PrimaryKey = {|CONN0006:\"Idd\"|}", "PrimaryKey = \"Id\"")]
    [InlineData("PrimaryKey = {|CONN0006:\"Id, nmae\"|}", "PrimaryKey = \"Id, name\"")]
    [InlineData("PrimaryKey = {|CONN0006:\"Id,Nmae\"|}", "PrimaryKey = \"Id,Name\"")]
    [InlineData("PrimaryKey = {|CONN0006:nameof(Item.{|CS0117:Nmae|})|}", "PrimaryKey = nameof(Item.Name)")]
    public async Task CONN0006_primary_key_becomes_the_closest_member(string wrong, string right) =>
        await ConnectorsCodeFixTest<UseClosestMemberCodeFix>.VerifyAsync(
            Source($"[Stream(\"items\", {wrong})] public IEnumerable<Item> Items() => [];"),
            Source($"[Stream(\"items\", {right})] public IEnumerable<Item> Items() => [];"));

    [Theory]
    [InlineData("Cursor = {|CONN0007:\"UpdatedAtt\"|}", "Cursor = \"UpdatedAt\"")]
    [InlineData("Cursor = {|CONN0007:\"updated\"|}", "Cursor = \"UpdatedAt\"")]
    [InlineData("Cursor = {|CONN0007:\"updated__at\"|}", "Cursor = \"updated_at\"")]
    [InlineData("Cursor = {|CONN0007:nameof(Item.{|CS0117:updatedat|})|}", "Cursor = nameof(Item.UpdatedAt)")]
    public async Task CONN0007_cursor_becomes_the_closest_member(string wrong, string right) =>
        await ConnectorsCodeFixTest<UseClosestMemberCodeFix>.VerifyAsync(
            Source($"[Stream(\"items\", {wrong})] public IEnumerable<Item> Items() => [];"),
            Source($"[Stream(\"items\", {right})] public IEnumerable<Item> Items() => [];"));

    // Fixed code equal to the test code: the kit checks that no fix is offered.
    [Fact]
    public async Task CONN0007_no_fix_for_a_computed_name()
    {
        var source = Source("[Stream(\"items\", Cursor = {|CONN0007:\"Updated\" + \"Att\"|})] public IEnumerable<Item> Items() => [];");

        await ConnectorsCodeFixTest<UseClosestMemberCodeFix>.VerifyAsync(source, source);
    }

    [Theory]
    [InlineData("{|CONN0062:\"ReadTabel\"|}", "\"ReadTable\"")]
    [InlineData("{|CONN0062:\"readtable\"|}", "\"ReadTable\"")]
    public async Task CONN0062_read_method_becomes_the_closest_method(string wrong, string right)
    {
        static string Discovering(string read) =>
            $"[DiscoverStreams({read})] public IEnumerable<Connectors.Runtime.StreamDescription> Tables() => [];\n    "
            + "public Task ReadTable(Connectors.Runtime.DynamicStreamRequest request, Connectors.Runtime.RowWriter rows) => Task.CompletedTask;";

        await ConnectorsCodeFixTest<UseClosestMemberCodeFix>.VerifyAsync(Source(Discovering(wrong)), Source(Discovering(right)));
    }

    [Theory]
    [InlineData("[ConfigProperty] public string {|CONN0039:ApiKey|} { get; set; } = \"\";", "[ConfigProperty(Secret = true)] public string ApiKey { get; set; } = \"\";")]
    [InlineData("[ConfigProperty()] public string {|CONN0039:Password|} { get; set; } = \"\";", "[ConfigProperty(Secret = true)] public string Password { get; set; } = \"\";")]
    [InlineData("[ConfigProperty(Name = \"token\", Order = 1)] public string {|CONN0039:Key|} { get; set; } = \"\";", "[ConfigProperty(Name = \"token\", Order = 1, Secret = true)] public string Key { get; set; } = \"\";")]
    [InlineData("[System.ComponentModel.Category(\"auth\"), Connectors.ConfigPropertyAttribute] public string? {|CONN0039:ClientSecret|} { get; set; }", "[System.ComponentModel.Category(\"auth\"), Connectors.ConfigPropertyAttribute(Secret = true)] public string? ClientSecret { get; set; }")]
    public async Task CONN0039_marks_the_property_secret(string property, string expected)
    {
        const string stream = "[Stream(\"items\")] public IEnumerable<Item> Items() => [];";

        await ConnectorsCodeFixTest<AddSecretCodeFix>.VerifyAsync(Source(stream, property), Source(stream, expected));
    }

    [Fact]
    public async Task CONN0039_fix_all_marks_every_secret_in_the_document()
    {
        const string stream = "[Stream(\"items\")] public IEnumerable<Item> Items() => [];";
        const string config = "[ConfigProperty] public string {|CONN0039:Password|} { get; set; } = \"\";\n    [ConfigProperty(Order = 2)] public string {|CONN0039:ApiToken|} { get; set; } = \"\";";

        await ConnectorsCodeFixTest<AddSecretCodeFix>.VerifyAsync(Source(stream, config),
            Source(stream, "[ConfigProperty(Secret = true)] public string Password { get; set; } = \"\";\n    [ConfigProperty(Order = 2, Secret = true)] public string ApiToken { get; set; } = \"\";"));
    }
}
