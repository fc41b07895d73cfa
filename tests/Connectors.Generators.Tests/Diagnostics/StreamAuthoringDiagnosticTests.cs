using System.Threading.Tasks;
using Connectors.Generators.Tests.Harness;
using Xunit;
using static Connectors.Generators.Tests.Diagnostics.TestSources;

namespace Connectors.Generators.Tests.Diagnostics;

/// <summary>Authoring rules about methods, streams and records: CONN0036, CONN0037, CONN0038, CONN0043.</summary>
public sealed class StreamAuthoringDiagnosticTests
{
    [Fact]
    public async Task CONN0036_async_void_stream()
    {
        var diagnostics = await AnalyzerHarness.AssertReportedAsync(
            Connector(Check + "\n[Stream(\"items\")] public async void Items() { await Task.Yield(); }"), "CONN0036", "Items");

        Assert.StartsWith("The [Stream] method 'Items' is async void", diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task CONN0036_async_void_check()
    {
        var diagnostics = await AnalyzerHarness.AssertReportedAsync(
            Connector(Stream + "\n[Check] public async void Verify() { await Task.Yield(); }"), "CONN0036", "Verify");

        Assert.StartsWith("The [Check] method 'Verify' is async void", diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task CONN0036_fixed() => await AnalyzerHarness.AssertCleanAsync(Connector("""
        [Check] public async Task<CheckResult> Verify() { await Task.Yield(); return CheckResult.Success(); }
        [Stream("items")] public async IAsyncEnumerable<Item> Items() { await Task.Yield(); yield break; }
        """));

    [Theory]
    [InlineData("nameof(Person.Email)")]
    [InlineData("\"Id, Email\"")]
    [InlineData("\"Address.City\"")]
    public async Task CONN0037_nullable_primary_key(string key)
    {
        var diagnostics = await AnalyzerHarness.AssertReportedAsync(
            Valid($"[Stream(\"people\", PrimaryKey = {key})] public IEnumerable<Person> People() => [];",
                types: "public sealed record Person(long Id, string? Email, Address Address);\npublic sealed record Address(string? City);\n"),
            "CONN0037", key);

        Assert.Contains("of stream 'people' can be null", diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task CONN0037_fixed() => await AnalyzerHarness.AssertCleanAsync(
        Valid("[Stream(\"people\", PrimaryKey = \"Id, Address.City\")] public IEnumerable<Person> People() => [];",
            types: "public sealed record Person(long Id, string? Email, Address Address);\npublic sealed record Address(string City);\n"));

    [Theory]
    [InlineData("my items", "contains ' '")]
    [InlineData("2024_archive", "starts with '2'")]
    [InlineData("public.users", "contains '.'")]
    [InlineData("", "is empty, so the stream is left out")]
    public async Task CONN0038_stream_name_not_a_protocol_identifier(string name, string problem)
    {
        var diagnostics = await AnalyzerHarness.AssertReportedAsync(
            Valid($"[Stream(\"{name}\")] public IEnumerable<Item> Other() => [];"), "CONN0038", $"\"{name}\"");

        Assert.Equal($"The stream name '{name}' {problem}; use letters, digits, '_' and '-', starting with a letter or '_'", diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task CONN0038_fixed() => await AnalyzerHarness.AssertCleanAsync(Valid("""
        [Stream("purchase-items")] public IEnumerable<Item> PurchaseItems() => [];
        [Stream("_archive_2024")] public IEnumerable<Item> Archive() => [];
        [Stream("Users", Namespace = "public")] public IEnumerable<Item> Users() => [];
        """));

    [Theory]
    [InlineData("public sealed class Empty { }")]
    [InlineData("public sealed class Empty { private int Hidden { get; set; } public static int Shared { get; set; } public int this[int i] => i; }")]
    public async Task CONN0043_record_without_public_readable_members(string type)
    {
        var diagnostics = await AnalyzerHarness.AssertReportedAsync(
            Connector(Check + "\n[Stream(\"empty\")] public IEnumerable<Empty> Items() => [];", types: type + "\n"), "CONN0043", "IEnumerable<Empty>");

        Assert.Equal("The record type 'Sample.Empty' of stream method 'Items' has no public readable properties, so its records would be empty",
            diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task CONN0043_fixed() => await AnalyzerHarness.AssertCleanAsync(
        Connector(Check + "\n[Stream(\"empty\")] public IEnumerable<Empty> Items() => [];",
            types: "public sealed class Empty { public int Value { get; init; } }\n"));
}
