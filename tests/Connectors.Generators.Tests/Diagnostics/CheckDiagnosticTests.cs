using System.Threading.Tasks;
using Xunit;
using static Connectors.Generators.Tests.Diagnostics.TestSources;
using static Connectors.Generators.Tests.Harness.ConnectorsAnalyzerTest;

namespace Connectors.Generators.Tests.Diagnostics;

/// <summary>Rules about the [Check] method: CONN0010, CONN0017.</summary>
public sealed class CheckDiagnosticTests
{
    [Theory]
    [InlineData("public bool {|#0:Verify|}() => true;", "it returns 'bool'")]
    [InlineData("public Task {|#0:Verify|}() => Task.CompletedTask;", "it returns 'System.Threading.Tasks.Task'")]
    [InlineData("public CheckResult {|#0:Verify|}<T>() => CheckResult.Success();", "it is generic")]
    [InlineData("public CheckResult {|#0:Verify|}(string host) => CheckResult.Success(host);", "the runtime cannot supply parameter 'host' of type 'string'")]
    [InlineData("public CheckResult {|#0:Verify|}(StreamContext context) => CheckResult.Success(context.StreamName);", "the runtime cannot supply parameter 'context' of type 'Connectors.StreamContext'")]
    public async Task CONN0010_check_the_runtime_cannot_call(string method, string problem) =>
        await VerifyAsync(Connector(Stream + "\n[Check] " + method), Diagnostic("CONN0010").WithLocation(0).WithMessage(
            $"The check method 'Verify' cannot be called by the runtime: {problem}; a check returns CheckResult, Task<CheckResult> or ValueTask<CheckResult> and takes only CancellationToken and ILogger parameters"));

    [Fact]
    public async Task CONN0010_fixed() => await VerifyCleanAsync(Connector(Stream + """

        [Check]
        public async Task<CheckResult> Verify(ILogger logger, CancellationToken cancellationToken)
        {
            await Task.Delay(0, cancellationToken);
            logger.LogInformation("verified");
            return CheckResult.Success();
        }
        """));

    [Fact]
    public async Task CONN0017_second_check_method() =>
        await VerifyAsync(Connector(Stream + """

            [Check] public CheckResult Check() => CheckResult.Success();
            [Check] public CheckResult {|#0:CheckAgain|}() => CheckResult.Success();
            """), Diagnostic("CONN0017").WithLocation(0).WithMessage("The connector already has the check method 'Check'; a connector has at most one"));

    [Fact]
    public async Task CONN0017_fixed() => await VerifyCleanAsync(Connector(Stream + """

        [Check] public CheckResult Check() => CheckAgain();
        public CheckResult CheckAgain() => CheckResult.Success();
        """));
}
