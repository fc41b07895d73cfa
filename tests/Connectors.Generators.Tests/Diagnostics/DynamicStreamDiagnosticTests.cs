using System.Threading.Tasks;
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
    public async Task CONN0061_discovery_method_the_runtime_cannot_call(string signature, string problem) =>
        await VerifyAsync(Connector(Check + "\n" + Discover(signature) + "\n" + Read),
            Diagnostic("CONN0061").WithLocation(0).WithMessage($"The [DiscoverStreams] method 'Tables' cannot be called by the runtime: {problem}"));

    [Fact]
    public async Task CONN0062_read_method_the_class_lacks() =>
        await VerifyAsync(Connector(Check + "\n" + Discover(read: "{|#0:\"ReadTabel\"|}") + "\n" + Read),
            Diagnostic("CONN0062").WithLocation(0)
                .WithMessage("The [DiscoverStreams] method 'Tables' names the read method 'ReadTabel', which the class does not have; did you mean 'ReadTable'?"));

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
}
