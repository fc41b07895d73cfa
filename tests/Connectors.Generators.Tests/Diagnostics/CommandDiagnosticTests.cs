using System.Linq;
using System.Threading.Tasks;
using Connectors.Generators.Tests.Generation;
using Connectors.Generators.Tests.Harness;
using Xunit;
using static Connectors.Generators.Tests.Diagnostics.TestSources;
using static Connectors.Generators.Tests.Harness.ConnectorsAnalyzerTest;

namespace Connectors.Generators.Tests.Diagnostics;

/// <summary>
/// Rules about [Command] methods and lifecycle hooks: CONN0026–CONN0032 and CONN0046, each reported with its id on exactly the right
/// source text, and the generator skipping (not breaking on) what a rule reports.
/// </summary>
public sealed class CommandDiagnosticTests
{
    [Theory]
    [InlineData("[Command(\"A.Run\")] public void {|#0:Run|}<T>() { }", "it is generic")]
    [InlineData("[Command(\"A.Run\")] public async void {|#0:Run|}() { await Task.Yield(); }", "it is async void, so its outcome cannot be awaited")]
    [InlineData("[Command(\"A.Run\")] public void {|#0:Run|}(ref int count) { }", "parameter 'count' is passed by reference; payload values are passed by value")]
    public async Task CONN0026_a_command_the_runtime_cannot_call(string member, string reason) =>
        await AssertMessageAsync(member, "CONN0026", "The command method 'Run' cannot be called by the runtime: " + reason);

    [Fact]
    public async Task CONN0026_fixed() => await VerifyCleanAsync(Connector(Check + """

        [Command("A.Run")] public async Task Run(int count) { await Task.Yield(); }
        """));

    [Theory]
    [InlineData("[Command(\"A.Run\")] public void Run(System.IO.Stream {|#0:input|}) { }",
        "The parameter 'input' of command method 'Run' has type 'System.IO.Stream', which cannot be bound from a JSON payload: it is abstract or generic")]
    [InlineData("[Command(\"A.Run\")] public void Run(Dictionary<string, int> {|#0:counts|}) { }",
        "The parameter 'counts' of command method 'Run' has type 'System.Collections.Generic.Dictionary<string, int>', which cannot be bound from a JSON payload: dictionaries cannot be bound; use JsonElement or a class")]
    [InlineData("[Command(\"A.Run\")] public void Run(int fooBar, int {|#0:foo_bar|}) { }",
        "The parameter 'foo_bar' of command method 'Run' has type 'int', which cannot be bound from a JSON payload: its JSON name 'foo_bar' is already used by parameter 'fooBar'")]
    [InlineData("[Command(\"A.Run\")] public void Run(Holder {|#0:holder|}) { } public sealed class Holder { public Holder(int a) { } public Holder(string b) { } }",
        "The parameter 'holder' of command method 'Run' has type 'Sample.TestSource.Holder', which cannot be bound from a JSON payload: it needs a public parameterless constructor or exactly one public constructor")]
    [InlineData("[Command(\"A.Run\")] public void Run(int[][] {|#0:grid|}) { }",
        "The parameter 'grid' of command method 'Run' has type 'int[][]', which cannot be bound from a JSON payload: arrays of arrays cannot be bound")]
    [InlineData("[Command(\"A.Run\")] public void Run(HashSet<int> {|#0:ids|}) { }",
        "The parameter 'ids' of command method 'Run' has type 'System.Collections.Generic.HashSet<int>', which cannot be bound from a JSON payload: collections are bound as arrays, List<T> or an interface List<T> implements")]
    [InlineData("[Command(\"A.Run\")] public void Run(Node {|#0:node|}) { } public sealed class Node { public Node? Next { get; set; } }",
        "The parameter 'node' of command method 'Run' has type 'Sample.TestSource.Node', which cannot be bound from a JSON payload: its property 'Next' cannot be bound: it contains itself, which a JSON Schema without $ref cannot describe")]
    [InlineData("[Command(\"A.Run\")] public void Run(Holder {|#0:holder|}) { } public sealed class Holder { public Holder(ref int a) { } }",
        "The parameter 'holder' of command method 'Run' has type 'Sample.TestSource.Holder', which cannot be bound from a JSON payload: its constructor parameter 'a' cannot be bound")]
    [InlineData("[Command(\"A.Run\")] public void Run(Holder {|#0:holder|}) { } public sealed class Holder { public Holder(Dictionary<string, int> map) { } }",
        "The parameter 'holder' of command method 'Run' has type 'Sample.TestSource.Holder', which cannot be bound from a JSON payload: its constructor parameter 'map' cannot be bound: dictionaries cannot be bound; use JsonElement or a class")]
    [InlineData("[Command(\"A.Run\")] public void Run(Holder {|#0:holder|}) { } public sealed class Holder { public Dictionary<string, int> Map { get; set; } = new(); }",
        "The parameter 'holder' of command method 'Run' has type 'Sample.TestSource.Holder', which cannot be bound from a JSON payload: its property 'Map' cannot be bound: dictionaries cannot be bound; use JsonElement or a class")]
    [InlineData("[Command(\"A.Run\")] public void Run(Holder {|#0:holder|}) { } public sealed class Holder { public string Name { get; init; } = System.Guid.NewGuid().ToString(); }",
        "The parameter 'holder' of command method 'Run' has type 'Sample.TestSource.Holder', which cannot be bound from a JSON payload: its init-only property 'Name' has an initializer that is not a constant")]
    [InlineData("[Command(\"A.Run\")] public void Run(Holder {|#0:holder|}) { } public sealed class Holder { public int FooBar { get; set; } [System.Text.Json.Serialization.JsonPropertyName(\"foo_bar\")] public int Other { get; set; } }",
        "The parameter 'holder' of command method 'Run' has type 'Sample.TestSource.Holder', which cannot be bound from a JSON payload: two members have the JSON name 'foo_bar'")]
    [InlineData("[Command(\"A.Run\")] public void Run(StreamContext {|#0:context|}) { }",
        "The parameter 'context' of command method 'Run' has type 'Connectors.StreamContext', which cannot be bound from a JSON payload: a StreamContext exists only while a stream is read")]
    [InlineData("[Command(\"A.Run\")] public void Run(double {|#0:ratio|} = double.NaN) { }",
        "The parameter 'ratio' of command method 'Run' has type 'double', which cannot be bound from a JSON payload: its default value cannot be written as a constant of that type")]
    [InlineData("[Command(\"A.Run\")] public void Run(System.IDisposable {|#0:handle|}) { }",
        "The parameter 'handle' of command method 'Run' has type 'System.IDisposable', which cannot be bound from a JSON payload")]
    public async Task CONN0027_a_parameter_that_cannot_be_bound_from_the_payload(string member, string message) =>
        await AssertMessageAsync(member, "CONN0027", message);

    [Fact]
    public async Task CONN0027_fixed() => await VerifyCleanAsync(Connector(Check + """

        [Command("A.Run")] public void Run(System.Text.Json.JsonElement input, Holder holder, int fooBar, CancellationToken cancellationToken) { }
        public sealed class Holder { public Holder(int a) { } }
        """));

    [Theory]
    [InlineData("[Command(\"A.Run\")] public void Run([Payload] Body {|#0:body|}, int count) { } public sealed record Body(string Name);",
        "The [Payload] parameter 'body' of command method 'Run' takes the whole payload, so 'count' has no field left to bind from; make 'count' a member of 'Sample.TestSource.Body'")]
    [InlineData("[Command(\"A.Run\")] public void Run([Payload] int {|#0:count|}) { }",
        "The [Payload] parameter 'count' of command method 'Run' has type 'int', which cannot hold a payload object; use a class, struct, record or JsonElement")]
    [InlineData("[Command(\"A.Run\")] public void Run([Payload] List<string> {|#0:names|}) { }",
        "The [Payload] parameter 'names' of command method 'Run' has type 'System.Collections.Generic.List<string>', which cannot hold a payload object; use a class, struct, record or JsonElement")]
    [InlineData("[Command(\"A.Run\")] public void Run([Payload] System.IO.Stream {|#0:input|}) { }",
        "The [Payload] parameter 'input' of command method 'Run' has type 'System.IO.Stream', which cannot hold a payload object: it is abstract or generic; use a class, struct, record or JsonElement")]
    public async Task CONN0046_a_whole_payload_parameter_that_is_ambiguous_or_cannot_hold_the_payload(string member, string message) =>
        await AssertMessageAsync(member, "CONN0046", message);

    [Fact]
    public async Task CONN0046_two_whole_payload_parameters_are_each_reported() =>
        await VerifyAsync(Connector(Check + """

            [Command("A.Run")] public void Run([Payload] Body {|#0:first|}, [Payload] System.Text.Json.JsonElement {|#1:second|}) { }
            public sealed record Body(string Name);
            """),
            Diagnostic("CONN0046").WithLocation(0).WithMessage("The [Payload] parameter 'first' of command method 'Run' is one of 2 [Payload] parameters; only one can take the whole payload"),
            Diagnostic("CONN0046").WithLocation(1).WithMessage("The [Payload] parameter 'second' of command method 'Run' is one of 2 [Payload] parameters; only one can take the whole payload"));

    [Fact]
    public async Task CONN0046_fixed() => await VerifyCleanAsync(Connector(Check + """

        [Command("A.Run")] public void Run([Payload] Body body, CancellationToken cancellationToken, OperatingStatus status) { }
        [Command("A.Echo")] public void Echo([Payload] System.Text.Json.JsonElement body) { }
        public sealed record Body(string Name, int Count = 1);
        """));

    [Theory]
    [InlineData("[Command(\"A.Run\")] public {|#0:object|} Run() => new();",
        "The command method 'Run' returns 'object', which cannot be written as a JSON response body")]
    [InlineData("[Command(\"A.Run\")] public {|#0:Task<Action>|} Run() => Task.FromResult<Action>(() => { });",
        "The command method 'Run' returns 'System.Threading.Tasks.Task<System.Action>', which cannot be written as a JSON response body")]
    public async Task CONN0028_a_result_that_cannot_be_serialized(string member, string message) =>
        await AssertMessageAsync(member, "CONN0028", message);

    [Fact]
    public async Task CONN0028_fixed() => await VerifyCleanAsync(Connector(Check + """

        [Command("A.Run")] public Task<Item> Run() => Task.FromResult(new Item(1, DateTimeOffset.UnixEpoch, "one"));
        """));

    // On the second command: the first one keeps the action.
    [Fact]
    public async Task CONN0029_two_commands_with_one_action() =>
        await VerifyAsync(Connector(Check + """

            [Command("A.Run")] public void First() { }
            [Command({|#0:"A.Run"|})] public void Second() { }
            """), Diagnostic("CONN0029").WithLocation(0).WithMessage("The command method 'First' already handles the action 'A.Run'"));

    [Fact]
    public async Task CONN0029_fixed() => await VerifyCleanAsync(Connector(Check + """

        [Command("A.Run")] public void First() { }
        [Command("A.RunAgain")] public void Second() { }
        """));

    [Theory]
    [InlineData("[Command({|#0:\"\"|})] public void Run() { }", "The command action '' is empty or contains whitespace")]
    [InlineData("[Command({|#0:\"A Run\"|})] public void Run() { }", "The command action 'A Run' is empty or contains whitespace")]
    [InlineData("[Command({|#0:\"TetraScience.Connector.Start\"|})] public void Run() { }",
        "The command action 'TetraScience.Connector.Start' is a built-in lifecycle action that the runtime answers itself")]
    public async Task CONN0030_an_action_that_is_empty_or_built_in(string member, string message) =>
        await AssertMessageAsync(member, "CONN0030", message);

    // Written out rather than read from the generator's list, so a name dropped from that list fails here.
    [Theory]
    [InlineData("TetraScience.Connector.Start")]
    [InlineData("TetraScience.Connector.Stop")]
    [InlineData("TetraScience.Connector.Shutdown")]
    [InlineData("TetraScience.Connector.UpdateConfig")]
    [InlineData("TetraScience.Connector.ValidateConfig")]
    [InlineData("TetraScience.Connector.ListCustomCommands")]
    [InlineData("TetraScience.Connector.SetLogLevel")]
    public async Task CONN0030_every_lifecycle_action_the_runtime_answers_is_refused(string action) =>
        await AssertMessageAsync($"[Command({{|#0:\"{action}\"|}})] public void Run() {{ }}", "CONN0030",
            $"The command action '{action}' is a built-in lifecycle action that the runtime answers itself");

    [Fact]
    public async Task CONN0030_fixed() => await VerifyCleanAsync(Connector(Check + """

        [Command("Vendor.Connector.Run")] public void Run() { }
        [OnStart] public void Start() { }
        """));

    [Theory]
    [InlineData("[OnStart] public int {|#0:Start|}() => 1;",
        "The [OnStart] hook 'Start' cannot be called by the runtime: it returns 'int'; it must return void, Task or ValueTask")]
    [InlineData("[OnStop] public Task<bool> {|#0:Stop|}() => Task.FromResult(true);",
        "The [OnStop] hook 'Stop' cannot be called by the runtime: it returns 'System.Threading.Tasks.Task<bool>'; it must return void, Task or ValueTask")]
    [InlineData("[OnShutdown] public void {|#0:Shutdown|}(string reason, int code) { }",
        "The [OnShutdown] hook 'Shutdown' cannot be called by the runtime: the runtime cannot supply parameter 'reason' of type 'string'; hooks take only CancellationToken, ILogger, OperatingStatus and ConnectorContext")]
    [InlineData("[OnConnectorUpdated] public async void {|#0:Updated|}() { await Task.Yield(); }",
        "The [OnConnectorUpdated] hook 'Updated' cannot be called by the runtime: it is async void, so its outcome cannot be awaited")]
    [InlineData("[OnConnectorDeleted] public void {|#0:Deleted|}(string reason) { }",
        "The [OnConnectorDeleted] hook 'Deleted' cannot be called by the runtime: the runtime cannot supply parameter 'reason' of type 'string'; hooks take only CancellationToken, ILogger, OperatingStatus and ConnectorContext")]
    [InlineData("[ValidateConfig] public bool {|#0:Validate|}() => true;",
        "The [ValidateConfig] hook 'Validate' cannot be called by the runtime: it returns 'bool'; it must return CheckResult, Task<CheckResult> or ValueTask<CheckResult>")]
    [InlineData("[ValidateConfig] public async void {|#0:Validate|}() { await Task.Yield(); }",
        "The [ValidateConfig] hook 'Validate' cannot be called by the runtime: it is async void, so its outcome cannot be awaited")]
    public async Task CONN0031_a_hook_the_runtime_cannot_call(string member, string message) =>
        await AssertMessageAsync(member, "CONN0031", message);

    [Fact]
    public async Task CONN0031_fixed() => await VerifyCleanAsync(Connector(Check + """

        [OnStart] public Task Start(CancellationToken cancellationToken) => Task.CompletedTask;
        [OnShutdown] public void Shutdown(ILogger logger, OperatingStatus status) { }
        [OnConnectorUpdated] public async Task Updated() { await Task.Yield(); }
        [ValidateConfig] public CheckResult Validate() => CheckResult.Success();
        """));

    [Fact]
    public async Task CONN0032_two_methods_for_one_hook() =>
        await VerifyAsync(Connector(Check + """

            [OnStart] public void StartPolling() { }
            [OnStart] public void {|#0:StartAgain|}() { }
            """), Diagnostic("CONN0032").WithLocation(0)
            .WithMessage("The connector already has the [OnStart] hook 'StartPolling'; a connector has at most one method per hook"));

    [Fact]
    public async Task CONN0032_fixed() => await VerifyCleanAsync(Connector(Check + """

        [OnStart] public void StartPolling() { }
        [OnStop] public void StopPolling() { }
        """));

    [Fact]
    public async Task Valid_commands_and_hooks_get_no_diagnostics() => await VerifyCleanAsync(CommandSources.Complete);

    [Fact]
    public async Task A_source_steered_by_commands_needs_no_streams_but_one_without_them_does()
    {
        await VerifyCleanAsync(Connector(Check + "\n[Command(\"A.Run\")] public void Run() { }"));
        await VerifyAsync(Connector(Check, name: "{|CONN0003:TestSource|}"));
    }

    [Fact]
    public async Task The_generator_skips_what_the_analyzer_reports_and_generates_the_rest()
    {
        const string members = """

            [Command("A.Good")] public int Good(int x) => x;
            [Command("A.Bad")] public void Bad(System.IO.Stream {|CONN0027:input|}) { }
            [Command({|CONN0030:"TetraScience.Connector.Stop"|})] public void Halt() { }
            [OnStart] public int {|CONN0031:Start|}() => 1;
            [OnStop] public void Stop() { }
            """;

        var run = GeneratorHarness.Run(WithoutMarkup(Connector(Check + members)));

        GeneratorAssert.Succeeds(run);
        var commands = run.Result.GeneratedSources.Single(s => s.HintName == "Sample.TestSource.Commands.g.cs").SourceText.ToString();
        Assert.Contains("\"A.Good\" => RunGood(connector, request)", commands);
        Assert.DoesNotContain("A.Bad", commands);
        Assert.DoesNotContain("Halt", commands);
        Assert.Contains("OnStop = ", commands);
        Assert.DoesNotContain("OnStart = ", commands);
        await VerifyAsync(Connector(Check + members));
    }

    private static Task AssertMessageAsync(string member, string id, string message) =>
        VerifyAsync(Connector(Check + "\n" + member), Diagnostic(id).WithLocation(0).WithMessage(message));
}
