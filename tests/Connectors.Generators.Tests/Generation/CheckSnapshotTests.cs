using Connectors.Generators.Tests.Harness;
using Xunit;

namespace Connectors.Generators.Tests.Generation;

/// <summary>The [Check] method shapes the runtime can call: each becomes a ValueTask-returning delegate.</summary>
public sealed class CheckSnapshotTests
{
    [Fact]
    public void Check_return_kinds() => Snapshot.GenerateAndVerify("""
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Connectors;
        using Microsoft.Extensions.Logging;

        namespace Sample;

        public sealed record Item(int Id);

        [Connector("source-value")]
        public partial class ValueCheckSource
        {
            [Check] public CheckResult Check() => CheckResult.Success();

            [Stream("items")] public IEnumerable<Item> Items() => [];
        }

        [Connector("source-task")]
        public partial class TaskCheckSource
        {
            [Check]
            public async Task<CheckResult> CheckAsync(CancellationToken cancellationToken)
            {
                await Task.Delay(0, cancellationToken);
                return CheckResult.Success();
            }

            [Stream("items")] public IEnumerable<Item> Items() => [];
        }

        [Connector("source-value-task")]
        public partial class ValueTaskCheckSource
        {
            [Check]
            public ValueTask<CheckResult> CheckAsync(ILogger logger, CancellationToken cancellationToken)
            {
                logger.LogInformation("checking");
                return new ValueTask<CheckResult>(CheckResult.Failed("never works"));
            }

            [Stream("items")] public IEnumerable<Item> Items() => [];
        }

        [Connector("source-static")]
        public partial class StaticCheckSource
        {
            [Check] public static CheckResult Check(CancellationToken cancellationToken, ILogger logger) => CheckResult.Success();

            [Stream("items")] public IEnumerable<Item> Items() => [];
        }

        [Connector("source-static-task")]
        public partial class StaticTaskCheckSource
        {
            [Check] public static Task<CheckResult> CheckAsync() => Task.FromResult(CheckResult.Success());

            [Stream("items")] public IEnumerable<Item> Items() => [];
        }
        """);
}
