using System.Threading.Tasks;
using Connectors.Generators.Tests.Harness;
using Xunit;
using static Connectors.Generators.Tests.Diagnostics.TestSources;

namespace Connectors.Generators.Tests.Diagnostics;

/// <summary>Streams known only at run time: CONN0061 (discovery signature), CONN0062 (unknown read method), CONN0063 (read signature).</summary>
public sealed class DynamicStreamDiagnosticTests
{
    private const string Read = "public Task ReadTable(Connectors.Runtime.DynamicStreamRequest request, Connectors.Runtime.RowWriter rows) => Task.CompletedTask;";

    private static string Discover(string signature = "public IEnumerable<Connectors.Runtime.StreamDescription> Tables()", string read = "nameof(ReadTable)") =>
        $"[DiscoverStreams({read})] {signature} => throw new NotSupportedException();";

    [Fact]
    public async Task Discovered_streams_alone_satisfy_a_source_and_compile_cleanly() =>
        await AnalyzerHarness.AssertCleanAsync(Connector(Check + "\n" + Discover() + "\n" + Read));

    [Theory]
    [InlineData("public Task<List<Connectors.Runtime.StreamDescription>> Tables(CancellationToken cancellationToken, ILogger logger)")]
    [InlineData("public static IAsyncEnumerable<Connectors.Runtime.StreamDescription> Tables()")]
    [InlineData("public ValueTask<Connectors.Runtime.StreamDescription[]> Tables()")]
    public async Task CONN0061_fixed(string signature) =>
        await AnalyzerHarness.AssertCleanAsync(Connector(Check + "\n" + Discover(signature) + "\n" + Read));

    [Theory]
    [InlineData("public IEnumerable<string> Tables()", "it returns 'System.Collections.Generic.IEnumerable<string>'")]
    [InlineData("public Task Tables()", "it returns 'System.Threading.Tasks.Task'")]
    [InlineData("public IEnumerable<Connectors.Runtime.StreamDescription> Tables(string schema)", "the runtime cannot supply its parameter 'schema' of type 'string'")]
    [InlineData("public IEnumerable<Connectors.Runtime.StreamDescription> Tables<T>()", "it is generic")]
    public async Task CONN0061_discovery_method_the_runtime_cannot_call(string signature, string problem)
    {
        var diagnostics = await AnalyzerHarness.AssertReportedAsync(Connector(Check + "\n" + Discover(signature) + "\n" + Read), "CONN0061", "Tables");

        Assert.StartsWith($"The [DiscoverStreams] method 'Tables' cannot be called by the runtime: {problem}", diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task CONN0062_read_method_the_class_lacks()
    {
        var diagnostics = await AnalyzerHarness.AssertReportedAsync(Connector(Check + "\n" + Discover(read: "\"ReadTabel\"") + "\n" + Read),
            "CONN0062", "\"ReadTabel\"");

        Assert.Equal("The [DiscoverStreams] method 'Tables' names the read method 'ReadTabel', which the class does not have; did you mean 'ReadTable'?",
            diagnostics[0].GetMessage());
        Assert.Equal("ReadTable", diagnostics[0].Properties["Suggestion"]);
    }

    [Fact]
    public async Task CONN0062_fixed() =>
        await AnalyzerHarness.AssertCleanAsync(Connector(Check + "\n" + Discover(read: "\"ReadTable\"") + "\n" + Read));

    [Fact]
    public async Task CONN0062_overloaded_read_method()
    {
        var overload = "public void ReadTable(int x) { }";
        var diagnostics = await AnalyzerHarness.AssertReportedAsync(Connector(Check + "\n" + Discover() + "\n" + Read + "\n" + overload),
            "CONN0062", "nameof(ReadTable)");

        Assert.EndsWith("which the class does not have only once (it is overloaded)", diagnostics[0].GetMessage());
    }

    [Theory]
    [InlineData("public Task ReadTable(Connectors.Runtime.RowWriter rows) => Task.CompletedTask;", "it must take one DynamicStreamRequest and one RowWriter")]
    [InlineData("public Task<int> ReadTable(Connectors.Runtime.DynamicStreamRequest request, Connectors.Runtime.RowWriter rows) => Task.FromResult(1);", "it returns 'System.Threading.Tasks.Task<int>'; return Task, ValueTask or void")]
    [InlineData("public async void ReadTable(Connectors.Runtime.DynamicStreamRequest request, Connectors.Runtime.RowWriter rows) { await Task.Yield(); }", "it is async void")]
    [InlineData("public void ReadTable(Connectors.Runtime.DynamicStreamRequest request, Connectors.Runtime.RowWriter rows, int page) { }", "the runtime cannot supply its parameter 'page' of type 'int'")]
    public async Task CONN0063_read_method_the_runtime_cannot_call(string read, string problem)
    {
        var diagnostics = await AnalyzerHarness.AssertReportedAsync(Connector(Check + "\n" + Discover() + "\n" + read), "CONN0063", "ReadTable");

        Assert.StartsWith($"The read method 'ReadTable' of the streams 'Tables' discovers cannot be called by the runtime: {problem}", diagnostics[0].GetMessage());
    }

    [Theory]
    [InlineData("public void ReadTable(ILogger logger, Connectors.Runtime.RowWriter rows, CancellationToken token, Connectors.Runtime.DynamicStreamRequest request) { }")]
    [InlineData("public ValueTask ReadTable(Connectors.Runtime.DynamicStreamRequest request, Connectors.Runtime.RowWriter rows) => default;")]
    public async Task CONN0063_fixed(string read) =>
        await AnalyzerHarness.AssertCleanAsync(Connector(Check + "\n" + Discover() + "\n" + read));
}
