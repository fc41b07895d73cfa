using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Threading.Tasks;
using Connectors.Runtime.Hosting;
using Connectors.Runtime.Tests.Support;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Connectors.Runtime.Tests.Host;

/// <summary>When the reader of stdout goes away, the connector exits quietly with 141 (128 + SIGPIPE).</summary>
public sealed class BrokenOutputTests
{
    private static async Task<(int ExitCode, string Stderr)> RunAsync(ConnectorDescriptor<TestSource> descriptor, Stream stdout, params string[] args)
    {
        var stderr = new StringWriter();
        var exitCode = await ConnectorHost.RunAsync(descriptor, args, new HostIO(stdout, stderr, Stream.Null));
        return (exitCode, stderr.ToString());
    }

    [Fact]
    public async Task Spec_on_a_broken_stdout_exits_141_with_nothing_on_stderr()
    {
        var (exitCode, stderr) = await RunAsync(TestConnector.WithStreams(), new BrokenStream(), "spec");

        Assert.Equal(141, exitCode);
        Assert.Equal("", stderr);
    }

    [Fact]
    public async Task Check_on_a_broken_stdout_exits_141_with_nothing_on_stderr()
    {
        using var files = new TempDir();
        var descriptor = TestConnector.WithCheck((_, request) =>
        {
            request.Logger.LogWarning("about to fail");
            return CheckResult.Failed("nope");
        });

        var (exitCode, stderr) = await RunAsync(descriptor, new BrokenStream(), "check", "--config", files.Write("c.json", TestConnector.ValidConfig));

        Assert.Equal(141, exitCode);
        Assert.Equal("", stderr);
    }

    [Fact]
    public async Task A_read_stops_pulling_records_once_stdout_is_gone()
    {
        using var files = new TempDir();
        var pulled = 0;
        IEnumerable<Row> Endless(StreamRequest request)
        {
            for (long i = 1; i <= 10_000_000; i++)
            {
                pulled++;
                request.Logger.LogDebug("row {Row}", i);
                yield return new Row(i, i);
            }
        }
        var descriptor = TestConnector.WithStreams(
            TestConnector.Rows("endless", (_, request) => Endless(request), incremental: true, sorted: true, interval: 1000),
            TestConnector.Fixed("after", 1));
        // One buffer full of messages reaches the platform, then the pipe breaks.
        var stdout = new BrokenStream(writesBeforeBreaking: 1);

        var (exitCode, stderr) = await RunAsync(descriptor, stdout, "read", "--debug",
            "--config", files.Write("config.json", TestConnector.ValidConfig),
            "--catalog", files.Write("catalog.json", TestConnector.Catalog(("endless", "incremental"), ("after", "full_refresh"))));

        Assert.Equal(141, exitCode);
        Assert.Equal("", stderr);
        Assert.InRange(pulled, 1, 100_000);
        // What did get through is whole lines of valid messages.
        var written = HostRun.ParseLines(Encoding.UTF8.GetString(stdout.Written));
        Assert.Contains(written, m => m.GetProperty("type").GetString() == "RECORD");
    }
}
