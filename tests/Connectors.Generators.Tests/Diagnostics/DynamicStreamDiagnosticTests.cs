using System.Threading.Tasks;
using Connectors.Generators.Diagnostics;
using Connectors.Generators.Tests.Harness;
using Microsoft.CodeAnalysis;
using Xunit;
using static Connectors.Generators.Tests.Diagnostics.TestSources;
using static Connectors.Generators.Tests.Harness.ConnectorsAnalyzerTest;

namespace Connectors.Generators.Tests.Diagnostics;

/// <summary>Streams known only at run time: CONN0061 (discovery signature), CONN0062 (unknown read method), CONN0063 (read signature).</summary>
public sealed class DynamicStreamDiagnosticTests
{
    private const string Read = "public Task ReadTable(Connectors.Runtime.DynamicStreamRequest request, Connectors.Runtime.RowWriter rows) => Task.CompletedTask;";

    private const string Descriptions = "IEnumerable<Connectors.Runtime.StreamDescription>";

    private static string Discover(string signature = "public " + Descriptions + " Tables()", string read = "nameof(ReadTable)") =>
        $"[DiscoverStreams({read})] {signature} => throw new NotSupportedException();";

    [Fact]
    public async Task Discovered_streams_alone_satisfy_a_source_and_compile_cleanly() =>
        await VerifyCleanAsync(Connector(Check + "\n" + Discover() + "\n" + Read));

    [Theory]
    [InlineData("public Task<List<Connectors.Runtime.StreamDescription>> Tables(CancellationToken cancellationToken, ILogger logger)")]
    [InlineData("public static IAsyncEnumerable<Connectors.Runtime.StreamDescription> Tables()")]
    [InlineData("public ValueTask<Connectors.Runtime.StreamDescription[]> Tables()")]
    public async Task CONN0061_fixed(string signature) =>
        await VerifyCleanAsync(Connector(Check + "\n" + Discover(signature) + "\n" + Read));

    [Theory]
    [InlineData("public IEnumerable<string> {|#0:Tables|}()", "it returns 'System.Collections.Generic.IEnumerable<string>'; return IEnumerable<StreamDescription>, a Task or ValueTask of one, or IAsyncEnumerable<StreamDescription>")]
    [InlineData("public Task {|#0:Tables|}()", "it returns 'System.Threading.Tasks.Task'; return IEnumerable<StreamDescription>, a Task or ValueTask of one, or IAsyncEnumerable<StreamDescription>")]
    [InlineData("public " + Descriptions + " {|#0:Tables|}(string schema)", "the runtime cannot supply its parameter 'schema' of type 'string' (only CancellationToken and ILogger)")]
    [InlineData("public " + Descriptions + " {|#0:Tables|}(StreamContext context)", "the runtime cannot supply its parameter 'context' of type 'Connectors.StreamContext' (only CancellationToken and ILogger)")]
    [InlineData("public " + Descriptions + " {|#0:Tables|}<T>()", "it is generic")]
    // Awaited and async-enumerated results must be descriptions too, not just any value.
    [InlineData("public Task<IEnumerable<string>> {|#0:Tables|}()", "it returns 'System.Threading.Tasks.Task<System.Collections.Generic.IEnumerable<string>>'; return IEnumerable<StreamDescription>, a Task or ValueTask of one, or IAsyncEnumerable<StreamDescription>")]
    [InlineData("public IAsyncEnumerable<string> {|#0:Tables|}()", "it returns 'System.Collections.Generic.IAsyncEnumerable<string>'; return IEnumerable<StreamDescription>, a Task or ValueTask of one, or IAsyncEnumerable<StreamDescription>")]
    // Of several parameters the runtime cannot supply, the message names the first.
    [InlineData("public " + Descriptions + " {|#0:Tables|}(string schema, int page)", "the runtime cannot supply its parameter 'schema' of type 'string' (only CancellationToken and ILogger)")]
    public async Task CONN0061_discovery_method_the_runtime_cannot_call(string signature, string problem) =>
        await VerifyAsync(Connector(Check + "\n" + Discover(signature) + "\n" + Read),
            Diagnostic("CONN0061").WithLocation(0).WithMessage($"The [DiscoverStreams] method 'Tables' cannot be called by the runtime: {problem}"));

    [Fact]
    public async Task CONN0062_read_method_the_class_lacks() =>
        await VerifyAsync(Connector(Check + "\n" + Discover(read: "{|#0:\"ReadTabel\"|}") + "\n" + Read),
            Diagnostic("CONN0062").WithLocation(0)
                .WithMessage("The [DiscoverStreams] method 'Tables' names the read method 'ReadTabel', which the class does not have; did you mean 'ReadTable'?"));

    // The suggestion is the closest ordinary method of the class, ignoring case, within max(2, length / 3) edits of
    // the name written; the first declared wins a tie; the [DiscoverStreams] methods themselves are never suggested.
    [Theory]
    [InlineData("READTABLE", "; did you mean 'ReadTable'?")]
    [InlineData("ReadeTabel", "; did you mean 'ReadTable'?")] // 3 edits of a 10-letter name: the limit
    [InlineData("ReadTb", "")] // 3 edits of a 6-letter name: one past the limit of 2
    [InlineData("Fetch", "")]
    [InlineData("Table", "")] // one edit from the discovery method 'Tables'
    [InlineData("ReadTableX", "; did you mean 'ReadTable'?")] // one edit from 'ReadTable' and from 'ReadTables', declared after it
    public async Task CONN0062_suggests_the_closest_method(string written, string suggestion) =>
        await VerifyAsync(Connector(Check + "\n" + Discover(read: "{|#0:\"" + written + "\"|}") + "\n" + Read + "\npublic void ReadTables() { }"),
            Diagnostic("CONN0062").WithLocation(0)
                .WithMessage($"The [DiscoverStreams] method 'Tables' names the read method '{written}', which the class does not have{suggestion}"));

    [Fact]
    public async Task CONN0062_null_read_method_name() =>
        await VerifyAsync(Connector(Check + "\n" + Discover(read: "{|#0:null|}") + "\n" + Read),
            Diagnostic("CONN0062").WithLocation(0)
                .WithMessage("The [DiscoverStreams] method 'Tables' names the read method '', which the class does not have"));

    // The code fix (Connectors.CodeFixes) replaces the string with the suggestion these properties carry.
    [Fact]
    public async Task CONN0062_carries_the_suggestion_for_the_code_fix()
    {
        var diagnostic = await SingleAnalyzerDiagnostic(Connector(Check + "\n" + Discover(read: "\"ReadTabel\"") + "\n" + Read));

        Assert.Equal("CONN0062", diagnostic.Id);
        Assert.Equal("ReadTabel", diagnostic.Properties[DiagnosticDescriptors.KeyProperty]);
        Assert.Equal("ReadTable", diagnostic.Properties[DiagnosticDescriptors.SuggestionProperty]);
        Assert.Equal("ReadTable", diagnostic.Properties[DiagnosticDescriptors.MemberSuggestionProperty]);
    }

    [Fact]
    public async Task CONN0062_without_a_close_method_carries_no_suggestion()
    {
        var diagnostic = await SingleAnalyzerDiagnostic(Connector(Check + "\n" + Discover(read: "\"Fetch\"") + "\n" + Read));

        Assert.Equal("CONN0062", diagnostic.Id);
        Assert.Empty(diagnostic.Properties);
    }

    [Fact]
    public async Task CONN0062_fixed() =>
        await VerifyCleanAsync(Connector(Check + "\n" + Discover(read: "\"ReadTable\"") + "\n" + Read));

    [Fact]
    public async Task CONN0062_overloaded_read_method() =>
        await VerifyAsync(Connector(Check + "\n" + Discover(read: "{|#0:nameof(ReadTable)|}") + "\n" + Read + "\npublic void ReadTable(int x) { }"),
            Diagnostic("CONN0062").WithLocation(0)
                .WithMessage("The [DiscoverStreams] method 'Tables' names the read method 'ReadTable', which the class does not have only once (it is overloaded)"));

    [Theory]
    [InlineData("public Task {|#0:ReadTable|}(Connectors.Runtime.RowWriter rows) => Task.CompletedTask;", "it must take one DynamicStreamRequest and one RowWriter")]
    [InlineData("public Task<int> {|#0:ReadTable|}(Connectors.Runtime.DynamicStreamRequest request, Connectors.Runtime.RowWriter rows) => Task.FromResult(1);", "it returns 'System.Threading.Tasks.Task<int>'; return Task, ValueTask or void")]
    [InlineData("public async void {|#0:ReadTable|}(Connectors.Runtime.DynamicStreamRequest request, Connectors.Runtime.RowWriter rows) { await Task.Yield(); }", "it is async void, so its outcome cannot be awaited")]
    [InlineData("public void {|#0:ReadTable|}(Connectors.Runtime.DynamicStreamRequest request, Connectors.Runtime.RowWriter rows, int page) { }", "the runtime cannot supply its parameter 'page' of type 'int'")]
    // A method the runtime cannot call at all is reported as such before its return type.
    [InlineData("public Task<int> {|#0:ReadTable|}<T>(Connectors.Runtime.DynamicStreamRequest request, Connectors.Runtime.RowWriter rows) => Task.FromResult(1);", "it is generic")]
    public async Task CONN0063_read_method_the_runtime_cannot_call(string read, string problem) =>
        await VerifyAsync(Connector(Check + "\n" + Discover() + "\n" + read),
            Diagnostic("CONN0063").WithLocation(0).WithMessage($"The read method 'ReadTable' of the streams 'Tables' discovers cannot be called by the runtime: {problem}"));

    [Theory]
    [InlineData("public void ReadTable(ILogger logger, Connectors.Runtime.RowWriter rows, CancellationToken token, Connectors.Runtime.DynamicStreamRequest request) { }")]
    [InlineData("public ValueTask ReadTable(Connectors.Runtime.DynamicStreamRequest request, Connectors.Runtime.RowWriter rows) => default;")]
    public async Task CONN0063_fixed(string read) =>
        await VerifyCleanAsync(Connector(Check + "\n" + Discover() + "\n" + read));

    // A discovery or read method the author marked [Obsolete] is still the author's choice: the generated file that
    // calls them must not warn (CS0612/CS0618 are disabled there, as for every generated file).
    [Fact]
    public async Task Obsolete_discovery_and_read_methods_compile_cleanly() =>
        await VerifyCleanAsync(Connector(Check + "\n[Obsolete] " + Discover() + "\n[Obsolete(\"old\", DiagnosticId = \"OLD001\")] " + Read));

    private static async Task<Diagnostic> SingleAnalyzerDiagnostic(string source)
    {
        var run = GeneratorHarness.Run(source);
        return Assert.Single(await AnalyzerHarness.AnalyzeAsync(run.Output));
    }
}
