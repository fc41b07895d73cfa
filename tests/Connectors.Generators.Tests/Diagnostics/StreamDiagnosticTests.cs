using System.Threading.Tasks;
using Xunit;
using static Connectors.Generators.Tests.Diagnostics.TestSources;
using static Connectors.Generators.Tests.Harness.ConnectorsAnalyzerTest;

namespace Connectors.Generators.Tests.Diagnostics;

/// <summary>Rules about [Stream] methods: CONN0004–CONN0008, CONN0015, CONN0016.</summary>
public sealed class StreamDiagnosticTests
{
    private const string CursorTypes = "; a cursor must be string, int, long, decimal, double, DateTimeOffset, DateTime or DateOnly (not nullable)";

    [Theory]
    [InlineData("public {|#0:int|} Items() => 1;", "int")]
    [InlineData("public {|#0:IEnumerable<string>|} Items() => [];", "System.Collections.Generic.IEnumerable<string>")]
    [InlineData("public {|#0:IEnumerable<int>|} Items() => [];", "System.Collections.Generic.IEnumerable<int>")]
    [InlineData("public {|#0:Task<Item>|} Items() => Task.FromResult(new Item(1, default, \"\"));", "System.Threading.Tasks.Task<Sample.Item>")]
    [InlineData("public {|#0:IEnumerable<List<Item>>|} Items() => [];", "System.Collections.Generic.IEnumerable<System.Collections.Generic.List<Sample.Item>>")]
    [InlineData("public {|#0:IEnumerable<T>|} Items<T>() => [];", "System.Collections.Generic.IEnumerable<T>")]
    public async Task CONN0004_stream_that_does_not_return_records(string method, string returnType) =>
        await VerifyAsync(Connector(Check + "\n[Stream(\"items\")] " + method), Diagnostic("CONN0004").WithLocation(0).WithMessage(
            $"The stream method 'Items' returns '{returnType}'; a stream must return IAsyncEnumerable<T> or IEnumerable<T> where T is a class, record or struct"));

    [Fact]
    public async Task CONN0004_fixed() => await VerifyCleanAsync(Connector(Check + """

        [Stream("items")]
        public async IAsyncEnumerable<Item> Items()
        {
            await Task.Yield();
            yield return new Item(1, DateTimeOffset.UnixEpoch, "one");
        }
        """));

    [Theory]
    [InlineData("DateTimeOffset? since, string {|#0:other|}", "other")]
    [InlineData("ref DateTimeOffset {|#0:since|}", "since")]
    [InlineData("DateTimeOffset? since, CancellationToken cancellationToken, out int {|#0:count|}", "count")]
    public async Task CONN0005_parameter_the_runtime_cannot_supply(string parameters, string parameter)
    {
        var body = parameters.Contains("out int") ? "{ count = 0; return []; }" : "=> [];";
        await VerifyAsync(
            Connector(Check + $"\n[Stream(\"items\", Cursor = nameof(Item.UpdatedAt))] public IEnumerable<Item> Items({parameters}) {body}"),
            Diagnostic("CONN0005").WithLocation(0).WithMessage($"The runtime cannot supply parameter '{parameter}' of stream method 'Items'; allowed are one cursor parameter (the type of the Cursor member), CancellationToken, ILogger and StreamContext"));
    }

    [Fact]
    public async Task CONN0005_fixed() => await VerifyCleanAsync(Connector(Check + """

        [Stream("items", Cursor = nameof(Item.UpdatedAt))]
        public IEnumerable<Item> Items(DateTimeOffset? since, CancellationToken cancellationToken, ILogger logger, StreamContext context) => [];
        """));

    [Theory]
    [InlineData("\"Missing\"", "Missing")]
    [InlineData("\"Id, Missing\"", "Missing")]
    [InlineData("\"Address.Zip\"", "Address.Zip")]
    [InlineData("\"Name.Length\"", "Name.Length")]
    public async Task CONN0006_primary_key_that_names_no_member(string argument, string key) =>
        await VerifyAsync(Connector(Check + $$"""

            [Stream("people", PrimaryKey = {|#0:{{argument}}|})]
            public IEnumerable<Person> People() => [];
            """, types: "public sealed record Person(long Id, string Name, Address Address);\npublic sealed record Address(string Street);\n"),
            Diagnostic("CONN0006").WithLocation(0).WithMessage($"PrimaryKey names '{key}', but the record type 'Sample.Person' has no public readable member of that name"));

    [Fact]
    public async Task CONN0006_fixed() => await VerifyCleanAsync(Connector(Check + """

        [Stream("people", PrimaryKey = "Id, Address.Street")]
        public IEnumerable<Person> People() => [];
        """, types: "public sealed record Person(long Id, string Name, Address Address);\npublic sealed record Address(string Street);\n"));

    [Fact]
    public async Task CONN0007_cursor_that_names_no_member() =>
        await VerifyAsync(Connector(Check + """

            [Stream("items", Cursor = {|CONN0007:"ModifiedAt"|})]
            public IEnumerable<Item> Items(DateTimeOffset? since) => [];
            """));

    // Any other diagnostic (a CONN0015 on the cursor parameter, say) fails the test.
    [Theory]
    [InlineData("DateTimeOffset? since")]
    [InlineData("long since")]
    [InlineData("string? since")]
    public async Task CONN0007_is_the_only_diagnostic_of_a_stream_whose_cursor_names_no_member(string parameter) =>
        await VerifyAsync(Connector(Check + $$"""

            [Stream("items", Cursor = {|#0:"ModifiedAt"|})]
            public IEnumerable<Item> Items({{parameter}}) => [];
            """), Diagnostic("CONN0007").WithLocation(0).WithMessage("Cursor names 'ModifiedAt', but the record type 'Sample.Item' has no public readable member of that name"));

    [Fact]
    public async Task CONN0007_fixed() => await VerifyCleanAsync(Connector(Check + """

        [Stream("items", Cursor = "updated_at")]
        public IEnumerable<Item> Items(DateTimeOffset? since) => [];
        """));

    [Fact]
    public async Task CONN0008_duplicate_stream_name() =>
        await VerifyAsync(Connector(Check + """

            [Stream("items")] public IEnumerable<Item> Items() => [];
            [Stream({|#0:"items"|})] public IEnumerable<Item> MoreItems() => [];
            [Stream("items", Namespace = "other")] public IEnumerable<Item> OtherItems() => [];
            [Stream({|#1:"items"|}, Namespace = "other")] public IEnumerable<Item> OtherItemsAgain() => [];
            """),
            Diagnostic("CONN0008").WithLocation(0).WithMessage("Another stream of this connector is already named 'items'"),
            Diagnostic("CONN0008").WithLocation(1).WithMessage("Another stream of this connector is already named 'items'"));

    [Fact]
    public async Task CONN0008_fixed() => await VerifyCleanAsync(Connector(Check + """

        [Stream("items")] public IEnumerable<Item> Items() => [];
        [Stream("items", Namespace = "other")] public IEnumerable<Item> OtherItems() => [];
        """));

    [Theory]
    [InlineData("long?", "has type 'long?', but the cursor 'UpdatedAt' has type 'System.DateTimeOffset'")]
    [InlineData("DateTime", "has type 'System.DateTime', but the cursor 'UpdatedAt' has type 'System.DateTimeOffset'")]
    public async Task CONN0015_cursor_parameter_of_another_type(string type, string problem) =>
        await VerifyAsync(
            Connector(Check + $"\n[Stream(\"items\", Cursor = nameof(Item.UpdatedAt))] public IEnumerable<Item> Items({type} {{|#0:since|}}) => [];"),
            Diagnostic("CONN0015").WithLocation(0).WithMessage($"The cursor parameter 'since' of stream method 'Items' {problem}"));

    [Fact]
    public async Task CONN0015_cursor_parameter_without_a_cursor() =>
        await VerifyAsync(
            Connector(Check + "\n[Stream(\"items\")] public IEnumerable<Item> Items(DateTimeOffset? {|#0:since|}) => [];"),
            Diagnostic("CONN0015").WithLocation(0).WithMessage("The cursor parameter 'since' of stream method 'Items' is a cursor parameter, but the stream declares no Cursor"));

    [Fact]
    public async Task CONN0015_fixed() => await VerifyCleanAsync(
        Connector(Check + "\n[Stream(\"items\", Cursor = nameof(Item.UpdatedAt))] public IEnumerable<Item> Items(DateTimeOffset since) => [];"));

    [Theory]
    [InlineData("Key", "System.Guid")]
    [InlineData("ClosedAt", "System.DateTimeOffset?")]
    [InlineData("Flag", "bool")]
    [InlineData("Small", "short")]
    public async Task CONN0016_cursor_of_a_type_the_runtime_cannot_compare(string member, string type) =>
        await VerifyAsync(Connector(Check + $$"""

            [Stream("events", Cursor = {|#0:nameof(Event.{{member}})|})]
            public IEnumerable<Event> Events() => [];
            """, types: "public sealed record Event(Guid Key, DateTimeOffset? ClosedAt, bool Flag, short Small);\n"),
            Diagnostic("CONN0016").WithLocation(0).WithMessage($"The cursor member '{member}' has type '{type}'{CursorTypes}"));

    // Not CONN0015 as well: the parameter cannot match a cursor that cannot be one.
    [Fact]
    public async Task CONN0016_is_the_only_diagnostic_when_the_cursor_parameter_has_another_type() =>
        await VerifyAsync(Connector(Check + """

            [Stream("events", Cursor = {|#0:nameof(Event.Key)|})]
            public IEnumerable<Event> Events(long? since) => [];
            """, types: "public sealed record Event(Guid Key, long Sequence);\n"),
            Diagnostic("CONN0016").WithLocation(0).WithMessage($"The cursor member 'Key' has type 'System.Guid'{CursorTypes}"));

    [Fact]
    public async Task CONN0016_fixed() => await VerifyCleanAsync(Connector(Check + """

        [Stream("events", Cursor = nameof(Event.Sequence))]
        public IEnumerable<Event> Events(long? since) => [];
        """, types: "public sealed record Event(Guid Key, long Sequence);\n"));
}
