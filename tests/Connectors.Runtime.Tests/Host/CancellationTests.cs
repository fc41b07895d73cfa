using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Connectors.Runtime.Tests.Support;
using Xunit;

namespace Connectors.Runtime.Tests.Host;

/// <summary>
/// Stopping a read (SIGTERM in a process; the cancellation token in-process): the running stream ends INCOMPLETE after
/// its last safe checkpoint, no further stream starts, and the exit code says the run was stopped.
/// </summary>
public sealed class CancellationTests
{
    /// <summary>Sorted rows 1, 1, 2, 2, 3, 3, …; cancels the run just before the row with index <paramref name="stopAt"/>.</summary>
    private static IEnumerable<Row> CancelMidway(CancellationTokenSource stop, int stopAt, bool honourToken, CancellationToken token)
    {
        for (var i = 0; i < 100; i++)
        {
            if (i == stopAt)
            {
                stop.Cancel();
            }
            if (honourToken)
            {
                token.ThrowIfCancellationRequested();
            }
            yield return new Row(i + 1, 1 + i / 2);
        }
    }

    private static ConnectorDescriptor<TestSource> Descriptor(CancellationTokenSource stop, bool honourToken) => TestConnector.WithStreams(
        TestConnector.Rows("first", (_, request) => CancelMidway(stop, 5, honourToken, request.CancellationToken),
            incremental: true, sorted: true, interval: 1),
        TestConnector.Fixed("second", 1, 2));

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Cancelling_mid_read_ends_the_running_stream_INCOMPLETE_after_its_last_safe_state_and_exits_143(bool honourToken)
    {
        using var files = new TempDir();
        using var stop = new CancellationTokenSource();

        var run = await HostRun.ReadAsync(Descriptor(stop, honourToken), files, TestConnector.Catalog(("first", "incremental"), ("second", "full_refresh")),
            cancellation: stop.Token);

        Assert.Equal(143, run.ExitCode);
        // Rows 1..5 (cursors 1,1,2,2,3) were emitted; the row read after the stop request is not.
        Assert.Equal(new[]
        {
            "STARTED", "RUNNING", "R1", "R1", "S{\"seq\":1}", "R2", "R2", "S{\"seq\":2}", "R3", "INCOMPLETE",
        }, run.Timeline("first"));
        Assert.Empty(run.Statuses("second"));
        Assert.Empty(run.Records("second"));
        Assert.Empty(run.Errors);
        CheckpointTests.AssertCheckpointsAreSafe(run, "first");
    }

    [Fact]
    public async Task An_async_stream_that_awaits_with_its_token_is_stopped()
    {
        using var files = new TempDir();
        using var stop = new CancellationTokenSource();
        var descriptor = TestConnector.WithStreams(
            TestConnector.RowsAsync("slow", (_, request) => Waiting(stop, request.CancellationToken), incremental: true, sorted: true, interval: 1),
            TestConnector.Fixed("second", 1));

        var run = await HostRun.ReadAsync(descriptor, files, TestConnector.Catalog(("slow", "incremental"), ("second", "full_refresh")),
            cancellation: stop.Token);

        Assert.Equal(143, run.ExitCode);
        Assert.Equal(new[] { "STARTED", "RUNNING", "R1", "S{\"seq\":1}", "R2", "INCOMPLETE" }, run.Timeline("slow"));
        Assert.Empty(run.Statuses("second"));
    }

    private static async IAsyncEnumerable<Row> Waiting(CancellationTokenSource stop, [EnumeratorCancellation] CancellationToken token)
    {
        yield return new Row(1, 1);
        yield return new Row(2, 2);
        stop.Cancel();
        await Task.Delay(Timeout.Infinite, token);
        yield return new Row(3, 3);
    }

    [Fact]
    public async Task A_stream_that_fails_with_another_exception_when_stopped_does_not_start_the_next_stream()
    {
        using var files = new TempDir();
        using var stop = new CancellationTokenSource();
        var descriptor = TestConnector.WithStreams(
            TestConnector.Rows("first", (_, _) => FailWhenStopped(stop)),
            TestConnector.Fixed("second", 1));

        var run = await HostRun.ReadAsync(descriptor, files, TestConnector.FullRefresh("first", "second"), cancellation: stop.Token);

        Assert.Equal(143, run.ExitCode);
        Assert.Equal("INCOMPLETE", run.Statuses("first")[^1]);
        Assert.Empty(run.Statuses("second"));
    }

    private static IEnumerable<Row> FailWhenStopped(CancellationTokenSource stop)
    {
        yield return new Row(1, 1);
        stop.Cancel();
        // For example a socket closed by the stop request.
        throw new System.IO.IOException("connection aborted");
    }

    [Fact]
    public async Task A_run_cancelled_before_it_starts_reads_nothing()
    {
        using var files = new TempDir();
        using var stop = new CancellationTokenSource();
        stop.Cancel();
        var pulled = 0;
        var descriptor = TestConnector.WithStreams(TestConnector.Rows("first", (_, _) =>
        {
            pulled++;
            return Row.WithSeqs(1, 2);
        }));

        var run = await HostRun.ReadAsync(descriptor, files, TestConnector.FullRefresh("first"), cancellation: stop.Token);

        Assert.Equal(143, run.ExitCode);
        Assert.Equal(0, pulled);
        Assert.Empty(run.Records());
        Assert.Empty(run.Traces("STREAM_STATUS"));
    }
}
