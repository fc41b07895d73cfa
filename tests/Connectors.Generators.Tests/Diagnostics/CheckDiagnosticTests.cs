using System.Threading.Tasks;
using Connectors.Generators.Tests.Harness;
using Xunit;
using static Connectors.Generators.Tests.Diagnostics.TestSources;

namespace Connectors.Generators.Tests.Diagnostics;

/// <summary>Rules about the [Check] method: CONN0010, CONN0017.</summary>
public sealed class CheckDiagnosticTests
{
    [Theory]
    [InlineData("public bool Verify() => true;", "it returns 'bool'")]
    [InlineData("public Task Verify() => Task.CompletedTask;", "it returns 'System.Threading.Tasks.Task'")]
    [InlineData("public CheckResult Verify<T>() => CheckResult.Success();", "it is generic")]
    [InlineData("public CheckResult Verify(string host) => CheckResult.Success(host);", "the runtime cannot supply parameter 'host' of type 'string'")]
    [InlineData("public CheckResult Verify(StreamContext context) => CheckResult.Success(context.StreamName);", "the runtime cannot supply parameter 'context' of type 'Connectors.StreamContext'")]
    public async Task CONN0010_check_the_runtime_cannot_call(string method, string problem)
    {
        var diagnostics = await AnalyzerHarness.AssertReportedAsync(Connector(Stream + "\n[Check] " + method), "CONN0010", "Verify");

        Assert.StartsWith($"The check method 'Verify' cannot be called by the runtime: {problem};", diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task CONN0010_fixed() => await AnalyzerHarness.AssertCleanAsync(Connector(Stream + """

        [Check]
        public async Task<CheckResult> Verify(ILogger logger, CancellationToken cancellationToken)
        {
            await Task.Delay(0, cancellationToken);
            logger.LogInformation("verified");
            return CheckResult.Success();
        }
        """));

    [Fact]
    public async Task CONN0017_second_check_method()
    {
        var diagnostics = await AnalyzerHarness.AssertReportedAsync(Connector(Stream + """

            [Check] public CheckResult Check() => CheckResult.Success();
            [Check] public CheckResult CheckAgain() => CheckResult.Success();
            """), "CONN0017", "CheckAgain");

        Assert.Equal("The connector already has the check method 'Check'; a connector has at most one", diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task CONN0017_fixed() => await AnalyzerHarness.AssertCleanAsync(Connector(Stream + """

        [Check] public CheckResult Check() => CheckAgain();
        public CheckResult CheckAgain() => CheckResult.Success();
        """));
}
