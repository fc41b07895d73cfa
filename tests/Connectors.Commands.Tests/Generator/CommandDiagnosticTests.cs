using System.Linq;
using System.Threading.Tasks;
using Connectors.Commands.Tests.Generator.Harness;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Connectors.Commands.Tests.Generator;

/// <summary>
/// The analyzer's rules for commands and hooks (CONN0026-CONN0032): each reported with its id on exactly the right
/// source span, nothing reported for valid code, and the generator skipping (not breaking on) what a rule reports.
/// </summary>
public sealed class CommandDiagnosticTests
{
    private const string Header = """
        using System;
        using System.Collections.Generic;
        using System.IO;
        using System.Threading;
        using System.Threading.Tasks;
        using Connectors;
        using Connectors.Runtime;
        using Microsoft.Extensions.Logging;

        namespace Sample;

        [Connector("sample")]
        public partial class SampleConnector
        {
            [Check] public CheckResult Check() => CheckResult.Success();

        """;

    [Theory]
    [InlineData("[Command(\"A.Run\")] public void Run<T>() { }", "Run", "The command method 'Run' cannot be called by the runtime: it is generic")]
    [InlineData("[Command(\"A.Run\")] public async void Run() { await Task.Yield(); }", "Run", "The command method 'Run' cannot be called by the runtime: it is async void, so its outcome cannot be awaited")]
    [InlineData("[Command(\"A.Run\")] public void Run(ref int count) { }", "Run", "The command method 'Run' cannot be called by the runtime: parameter 'count' is passed by reference; payload values are passed by value")]
    public async Task CONN0026_a_command_the_runtime_cannot_call(string member, string span, string message) =>
        AssertOne(await DiagnoseAsync(member), "CONN0026", span, message);

    [Theory]
    [InlineData("[Command(\"A.Run\")] public void Run(Stream input) { }", "input",
        "The parameter 'input' of command method 'Run' has type 'System.IO.Stream', which cannot be bound from a JSON payload: it is abstract or generic")]
    [InlineData("[Command(\"A.Run\")] public void Run(Dictionary<string, int> counts) { }", "counts",
        "The parameter 'counts' of command method 'Run' has type 'System.Collections.Generic.Dictionary<string, int>', which cannot be bound from a JSON payload: dictionaries cannot be bound; use JsonElement or a class")]
    [InlineData("[Command(\"A.Run\")] public void Run(int fooBar, int foo_bar) { }", "foo_bar",
        "The parameter 'foo_bar' of command method 'Run' has type 'int', which cannot be bound from a JSON payload: its JSON name 'foo_bar' is already used by parameter 'fooBar'")]
    [InlineData("[Command(\"A.Run\")] public void Run(Holder holder) { } public sealed class Holder { public Holder(int a) { } public Holder(string b) { } }", "holder",
        "The parameter 'holder' of command method 'Run' has type 'Sample.SampleConnector.Holder', which cannot be bound from a JSON payload: it needs a public parameterless constructor or exactly one public constructor")]
    [InlineData("[Command(\"A.Run\")] public void Run(StreamContext context) { }", "context",
        "The parameter 'context' of command method 'Run' has type 'Connectors.StreamContext', which cannot be bound from a JSON payload: a StreamContext exists only while a stream is read")]
    public async Task CONN0027_a_parameter_that_cannot_be_bound_from_the_payload(string member, string span, string message) =>
        AssertOne(await DiagnoseAsync(member), "CONN0027", span, message);

    [Theory]
    [InlineData("[Command(\"A.Run\")] public object Run() => new();", "object",
        "The command method 'Run' returns 'object', which cannot be written as a JSON response body")]
    [InlineData("[Command(\"A.Run\")] public Task<Action> Run() => Task.FromResult<Action>(() => { });", "Task<Action>",
        "The command method 'Run' returns 'System.Threading.Tasks.Task<System.Action>', which cannot be written as a JSON response body")]
    public async Task CONN0028_a_result_that_cannot_be_serialized(string member, string span, string message) =>
        AssertOne(await DiagnoseAsync(member), "CONN0028", span, message);

    [Fact]
    public async Task CONN0029_two_commands_with_one_action()
    {
        var diagnostics = await DiagnoseAsync("""
            [Command("A.Run")] public void First() { }
            [Command("A.Run")] public void Second() { }
            """);

        var diagnostic = AssertOne(diagnostics, "CONN0029", "\"A.Run\"", "The command method 'First' already handles the action 'A.Run'");
        // On the second command: the first one keeps the action.
        Assert.Equal(16, diagnostic.Location.GetLineSpan().StartLinePosition.Line);
    }

    [Theory]
    [InlineData("[Command(\"\")] public void Run() { }", "\"\"", "The command action '' is empty or contains whitespace")]
    [InlineData("[Command(\"A Run\")] public void Run() { }", "\"A Run\"", "The command action 'A Run' is empty or contains whitespace")]
    [InlineData("[Command(\"TetraScience.Connector.Start\")] public void Run() { }", "\"TetraScience.Connector.Start\"",
        "The command action 'TetraScience.Connector.Start' is a built-in lifecycle action that the runtime answers itself")]
    public async Task CONN0030_an_action_that_is_empty_or_built_in(string member, string span, string message) =>
        AssertOne(await DiagnoseAsync(member), "CONN0030", span, message);

    [Theory]
    [InlineData("[OnStart] public int Start() => 1;", "Start", "The [OnStart] hook 'Start' cannot be called by the runtime: it returns 'int'; it must return void, Task or ValueTask")]
    [InlineData("[OnStop] public Task<bool> Stop() => Task.FromResult(true);", "Stop", "The [OnStop] hook 'Stop' cannot be called by the runtime: it returns 'System.Threading.Tasks.Task<bool>'; it must return void, Task or ValueTask")]
    [InlineData("[OnShutdown] public void Shutdown(string reason) { }", "Shutdown", "The [OnShutdown] hook 'Shutdown' cannot be called by the runtime: the runtime cannot supply parameter 'reason' of type 'string'; hooks take only CancellationToken, ILogger, OperatingStatus and ConnectorContext")]
    [InlineData("[OnConnectorUpdated] public async void Updated() { await Task.Yield(); }", "Updated", "The [OnConnectorUpdated] hook 'Updated' cannot be called by the runtime: it is async void, so its outcome cannot be awaited")]
    [InlineData("[ValidateConfig] public bool Validate() => true;", "Validate", "The [ValidateConfig] hook 'Validate' cannot be called by the runtime: it returns 'bool'; it must return CheckResult, Task<CheckResult> or ValueTask<CheckResult>")]
    public async Task CONN0031_a_hook_the_runtime_cannot_call(string member, string span, string message) =>
        AssertOne(await DiagnoseAsync(member), "CONN0031", span, message);

    [Fact]
    public async Task CONN0032_two_methods_for_one_hook()
    {
        var diagnostics = await DiagnoseAsync("""
            [OnStart] public void StartPolling() { }
            [OnStart] public void StartAgain() { }
            """);

        AssertOne(diagnostics, "CONN0032", "StartAgain", "The connector already has the [OnStart] hook 'StartPolling'; a connector has at most one method per hook");
    }

    [Fact]
    public async Task Valid_commands_and_hooks_get_no_diagnostics()
    {
        var diagnostics = await GeneratorRun.AnalyzeAsync(CommandSources.Complete);

        Assert.Empty(diagnostics);
    }

    [Fact]
    public async Task A_source_steered_by_commands_needs_no_streams_but_one_without_them_does()
    {
        var withCommands = await DiagnoseAsync("[Command(\"A.Run\")] public void Run() { }");
        var without = await DiagnoseAsync("");

        Assert.Empty(withCommands);
        Assert.Equal("CONN0003", Assert.Single(without).Id);
    }

    [Fact]
    public async Task The_generator_skips_what_the_analyzer_reports_and_generates_the_rest()
    {
        var source = Header + """
            [Command("A.Good")] public int Good(int x) => x;
            [Command("A.Bad")] public void Bad(Stream input) { }
            [OnStart] public int Start() => 1;
            [OnStop] public void Stop() { }
            }
            """;

        var run = GeneratorRun.Generate(source).AssertCompiles();

        var commands = run.Files["Sample.SampleConnector.Commands.g.cs"];
        Assert.Contains("\"A.Good\" => RunGood(connector, request)", commands);
        Assert.DoesNotContain("A.Bad", commands);
        Assert.Contains("OnStop = ", commands);
        Assert.DoesNotContain("OnStart = ", commands);
        Assert.Equal(["CONN0027", "CONN0031"], (await GeneratorRun.AnalyzeAsync(source)).Select(d => d.Id).Order());
    }

    private static async Task<Diagnostic[]> DiagnoseAsync(string members) =>
        (await GeneratorRun.AnalyzeAsync(Header + members + "\n}\n")).ToArray();

    private static Diagnostic AssertOne(Diagnostic[] diagnostics, string id, string span, string message)
    {
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(span, diagnostic.Location.SourceTree!.GetText().GetSubText(diagnostic.Location.SourceSpan).ToString());
        Assert.Equal(message, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        return diagnostic;
    }
}
