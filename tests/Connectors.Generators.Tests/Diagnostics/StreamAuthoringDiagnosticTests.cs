using System.Threading.Tasks;
using Xunit;
using static Connectors.Generators.Tests.Diagnostics.TestSources;
using static Connectors.Generators.Tests.Harness.ConnectorsAnalyzerTest;

namespace Connectors.Generators.Tests.Diagnostics;

/// <summary>Authoring rules about methods, streams and records: CONN0036, CONN0037, CONN0038, CONN0043.</summary>
public sealed class StreamAuthoringDiagnosticTests
{
    [Fact]
    public async Task CONN0036_async_void_stream() =>
        await VerifyAsync(
            Connector(Check + "\n[Stream(\"items\")] public async void {|#0:Items|}() { await Task.Yield(); }"),
            Diagnostic("CONN0036").WithLocation(0).WithMessage("The [Stream] method 'Items' is async void, so the runtime cannot await it or see its exceptions; a stream returns IAsyncEnumerable<T> (an async iterator) or IEnumerable<T>"));

    [Fact]
    public async Task CONN0036_async_void_check() =>
        await VerifyAsync(
            Connector(Stream + "\n[Check] public async void {|#0:Verify|}() { await Task.Yield(); }"),
            Diagnostic("CONN0036").WithLocation(0).WithMessage("The [Check] method 'Verify' is async void, so the runtime cannot await it or see its exceptions; a check returns Task<CheckResult> or ValueTask<CheckResult> when it is async"));

    [Fact]
    public async Task CONN0036_fixed() => await VerifyCleanAsync(Connector("""
        [Check] public async Task<CheckResult> Verify() { await Task.Yield(); return CheckResult.Success(); }
        [Stream("items")] public async IAsyncEnumerable<Item> Items() { await Task.Yield(); yield break; }
        """));

    [Theory]
    [InlineData("nameof(Person.Email)", "Email", "Email")]
    [InlineData("\"Id, Email\"", "Email", "Email")]
    [InlineData("\"Address.City\"", "Address.City", "City")]
    public async Task CONN0037_nullable_primary_key(string key, string keyText, string member) =>
        await VerifyAsync(
            Valid($"[Stream(\"people\", PrimaryKey = {{|#0:{key}|}})] public IEnumerable<Person> People() => [];",
                types: "public sealed record Person(long Id, string? Email, Address Address);\npublic sealed record Address(string? City);\n"),
            Diagnostic("CONN0037").WithLocation(0).WithMessage(
                $"The primary key '{keyText}' of stream 'people' can be null: its member '{member}' is nullable; a record without a key value cannot be deduplicated"));

    [Fact]
    public async Task CONN0037_fixed() => await VerifyCleanAsync(
        Valid("[Stream(\"people\", PrimaryKey = \"Id, Address.City\")] public IEnumerable<Person> People() => [];",
            types: "public sealed record Person(long Id, string? Email, Address Address);\npublic sealed record Address(string City);\n"));

    [Theory]
    [InlineData("my items", "contains ' '")]
    [InlineData("2024_archive", "starts with '2'")]
    [InlineData("public.users", "contains '.'")]
    [InlineData("", "is empty, so the stream is left out")]
    public async Task CONN0038_stream_name_not_a_protocol_identifier(string name, string problem) =>
        await VerifyAsync(Valid($"[Stream({{|#0:\"{name}\"|}})] public IEnumerable<Item> Other() => [];"), Diagnostic("CONN0038").WithLocation(0)
            .WithMessage($"The stream name '{name}' {problem}; use letters, digits, '_' and '-', starting with a letter or '_'"));

    [Fact]
    public async Task CONN0038_fixed() => await VerifyCleanAsync(Valid("""
        [Stream("purchase-items")] public IEnumerable<Item> PurchaseItems() => [];
        [Stream("_archive_2024")] public IEnumerable<Item> Archive() => [];
        [Stream("Users", Namespace = "public")] public IEnumerable<Item> Users() => [];
        """));

    [Theory]
    [InlineData("public sealed class Empty { }")]
    [InlineData("public sealed class Empty { private int Hidden { get; set; } public static int Shared { get; set; } public int this[int i] => i; }")]
    public async Task CONN0043_record_without_public_readable_members(string type) =>
        await VerifyAsync(
            Connector(Check + "\n[Stream(\"empty\")] public {|#0:IEnumerable<Empty>|} Items() => [];", types: type + "\n"), Diagnostic("CONN0043").WithLocation(0)
                .WithMessage("The record type 'Sample.Empty' of stream method 'Items' has no public readable properties, so its records would be empty"));

    [Fact]
    public async Task CONN0043_fixed() => await VerifyCleanAsync(
        Connector(Check + "\n[Stream(\"empty\")] public IEnumerable<Empty> Items() => [];",
            types: "public sealed class Empty { public int Value { get; init; } }\n"));
}
