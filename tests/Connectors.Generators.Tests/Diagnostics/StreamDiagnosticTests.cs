using System.Threading.Tasks;
using Connectors.Generators.Tests.Harness;
using Xunit;
using static Connectors.Generators.Tests.Diagnostics.TestSources;

namespace Connectors.Generators.Tests.Diagnostics;

/// <summary>Rules about [Stream] methods: CONN0004–CONN0008, CONN0015, CONN0016.</summary>
public sealed class StreamDiagnosticTests
{
    [Theory]
    [InlineData("public int Items() => 1;", "int")]
    [InlineData("public IEnumerable<string> Items() => [];", "IEnumerable<string>")]
    [InlineData("public IEnumerable<int> Items() => [];", "IEnumerable<int>")]
    [InlineData("public Task<Item> Items() => Task.FromResult(new Item(1, default, \"\"));", "Task<Item>")]
    [InlineData("public IEnumerable<List<Item>> Items() => [];", "IEnumerable<List<Item>>")]
    [InlineData("public IEnumerable<T> Items<T>() => [];", "IEnumerable<T>")]
    public async Task CONN0004_stream_that_does_not_return_records(string method, string returnType)
    {
        var diagnostics = await AnalyzerHarness.AssertReportedAsync(Connector(Check + "\n[Stream(\"items\")] " + method), "CONN0004", returnType);

        Assert.StartsWith("The stream method 'Items' returns", diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task CONN0004_fixed() => await AnalyzerHarness.AssertCleanAsync(Connector(Check + """

        [Stream("items")]
        public async IAsyncEnumerable<Item> Items()
        {
            await Task.Yield();
            yield return new Item(1, DateTimeOffset.UnixEpoch, "one");
        }
        """));

    [Theory]
    [InlineData("DateTimeOffset? since, string other", "other")]
    [InlineData("ref DateTimeOffset since", "since")]
    [InlineData("DateTimeOffset? since, CancellationToken cancellationToken, out int count", "count")]
    public async Task CONN0005_parameter_the_runtime_cannot_supply(string parameters, string parameter)
    {
        var body = parameters.Contains("out int") ? "{ count = 0; return []; }" : "=> [];";
        var diagnostics = await AnalyzerHarness.AssertReportedAsync(
            Connector(Check + $"\n[Stream(\"items\", Cursor = nameof(Item.UpdatedAt))] public IEnumerable<Item> Items({parameters}) {body}"),
            "CONN0005", parameter);

        Assert.Contains($"parameter '{parameter}' of stream method 'Items'", diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task CONN0005_fixed() => await AnalyzerHarness.AssertCleanAsync(Connector(Check + """

        [Stream("items", Cursor = nameof(Item.UpdatedAt))]
        public IEnumerable<Item> Items(DateTimeOffset? since, CancellationToken cancellationToken, ILogger logger, StreamContext context) => [];
        """));

    [Theory]
    [InlineData("\"Missing\"", "Missing")]
    [InlineData("\"Id, Missing\"", "Missing")]
    [InlineData("\"Address.Zip\"", "Address.Zip")]
    [InlineData("\"Name.Length\"", "Name.Length")]
    public async Task CONN0006_primary_key_that_names_no_member(string argument, string key)
    {
        var diagnostics = await AnalyzerHarness.AssertReportedAsync(Connector(Check + $"""

            [Stream("people", PrimaryKey = {argument})]
            public IEnumerable<Person> People() => [];
            """, types: "public sealed record Person(long Id, string Name, Address Address);\npublic sealed record Address(string Street);\n"),
            "CONN0006", argument);

        Assert.StartsWith($"PrimaryKey names '{key}', but the record type 'Sample.Person'", diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task CONN0006_fixed() => await AnalyzerHarness.AssertCleanAsync(Connector(Check + """

        [Stream("people", PrimaryKey = "Id, Address.Street")]
        public IEnumerable<Person> People() => [];
        """, types: "public sealed record Person(long Id, string Name, Address Address);\npublic sealed record Address(string Street);\n"));

    [Fact]
    public async Task CONN0007_cursor_that_names_no_member() =>
        await AnalyzerHarness.AssertReportedAsync(Connector(Check + """

            [Stream("items", Cursor = "ModifiedAt")]
            public IEnumerable<Item> Items(DateTimeOffset? since) => [];
            """), "CONN0007", "\"ModifiedAt\"");

    [Theory]
    [InlineData("DateTimeOffset? since")]
    [InlineData("long since")]
    [InlineData("string? since")]
    public async Task CONN0007_is_the_only_diagnostic_of_a_stream_whose_cursor_names_no_member(string parameter)
    {
        var run = GeneratorHarness.Run(Connector(Check + $$"""

            [Stream("items", Cursor = "ModifiedAt")]
            public IEnumerable<Item> Items({{parameter}}) => [];
            """));

        var diagnostic = Assert.Single(await AnalyzerHarness.AnalyzeAsync(run.Output));
        Assert.Equal("CONN0007", diagnostic.Id);
        Assert.Equal("\"ModifiedAt\"", diagnostic.Location.SourceTree!.GetText().GetSubText(diagnostic.Location.SourceSpan).ToString());
    }

    [Fact]
    public async Task CONN0007_fixed() => await AnalyzerHarness.AssertCleanAsync(Connector(Check + """

        [Stream("items", Cursor = "updated_at")]
        public IEnumerable<Item> Items(DateTimeOffset? since) => [];
        """));

    [Fact]
    public async Task CONN0008_duplicate_stream_name()
    {
        var diagnostics = await AnalyzerHarness.AssertReportedAsync(Connector(Check + """

            [Stream("items")] public IEnumerable<Item> Items() => [];
            [Stream("items")] public IEnumerable<Item> MoreItems() => [];
            [Stream("items", Namespace = "other")] public IEnumerable<Item> OtherItems() => [];
            [Stream("items", Namespace = "other")] public IEnumerable<Item> OtherItemsAgain() => [];
            """), "CONN0008", "\"items\"", "\"items\"");

        Assert.All(diagnostics, d => Assert.Equal("Another stream of this connector is already named 'items'", d.GetMessage()));
    }

    [Fact]
    public async Task CONN0008_fixed() => await AnalyzerHarness.AssertCleanAsync(Connector(Check + """

        [Stream("items")] public IEnumerable<Item> Items() => [];
        [Stream("items", Namespace = "other")] public IEnumerable<Item> OtherItems() => [];
        """));

    [Theory]
    [InlineData("long? since", "'since' of stream method 'Items' has type 'long?', but the cursor 'UpdatedAt' has type 'System.DateTimeOffset'")]
    [InlineData("DateTime since", "'since' of stream method 'Items' has type 'System.DateTime', but the cursor 'UpdatedAt' has type 'System.DateTimeOffset'")]
    public async Task CONN0015_cursor_parameter_of_another_type(string parameter, string message)
    {
        var diagnostics = await AnalyzerHarness.AssertReportedAsync(
            Connector(Check + $"\n[Stream(\"items\", Cursor = nameof(Item.UpdatedAt))] public IEnumerable<Item> Items({parameter}) => [];"),
            "CONN0015", "since");

        Assert.Contains(message, diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task CONN0015_cursor_parameter_without_a_cursor()
    {
        var diagnostics = await AnalyzerHarness.AssertReportedAsync(
            Connector(Check + "\n[Stream(\"items\")] public IEnumerable<Item> Items(DateTimeOffset? since) => [];"),
            "CONN0015", "since");

        Assert.EndsWith("is a cursor parameter, but the stream declares no Cursor", diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task CONN0015_fixed() => await AnalyzerHarness.AssertCleanAsync(
        Connector(Check + "\n[Stream(\"items\", Cursor = nameof(Item.UpdatedAt))] public IEnumerable<Item> Items(DateTimeOffset since) => [];"));

    [Theory]
    [InlineData("Key", "System.Guid")]
    [InlineData("ClosedAt", "System.DateTimeOffset?")]
    [InlineData("Flag", "bool")]
    [InlineData("Small", "short")]
    public async Task CONN0016_cursor_of_a_type_the_runtime_cannot_compare(string member, string type)
    {
        var diagnostics = await AnalyzerHarness.AssertReportedAsync(Connector(Check + $$"""

            [Stream("events", Cursor = nameof(Event.{{member}}))]
            public IEnumerable<Event> Events() => [];
            """, types: "public sealed record Event(Guid Key, DateTimeOffset? ClosedAt, bool Flag, short Small);\n"),
            "CONN0016", $"nameof(Event.{member})");

        Assert.StartsWith($"The cursor member '{member}' has type '{type}'", diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task CONN0016_is_the_only_diagnostic_when_the_cursor_parameter_has_another_type()
    {
        var run = GeneratorHarness.Run(Connector(Check + """

            [Stream("events", Cursor = nameof(Event.Key))]
            public IEnumerable<Event> Events(long? since) => [];
            """, types: "public sealed record Event(Guid Key, long Sequence);\n"));

        var diagnostic = Assert.Single(await AnalyzerHarness.AnalyzeAsync(run.Output));
        Assert.Equal("CONN0016", diagnostic.Id);
        Assert.Equal("nameof(Event.Key)", diagnostic.Location.SourceTree!.GetText().GetSubText(diagnostic.Location.SourceSpan).ToString());
    }

    [Fact]
    public async Task CONN0016_fixed() => await AnalyzerHarness.AssertCleanAsync(Connector(Check + """

        [Stream("events", Cursor = nameof(Event.Sequence))]
        public IEnumerable<Event> Events(long? since) => [];
        """, types: "public sealed record Event(Guid Key, long Sequence);\n"));
}
