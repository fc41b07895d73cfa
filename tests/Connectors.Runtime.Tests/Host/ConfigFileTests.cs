using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Connectors.Runtime.Tests.Support;
using Xunit;

namespace Connectors.Runtime.Tests.Host;

/// <summary>How the <c>--config</c> file is read, and a check stopped by a signal.</summary>
public sealed class ConfigFileTests
{
    [Fact]
    public async Task A_config_file_with_a_UTF8_byte_order_mark_is_read()
    {
        using var files = new TempDir();
        var config = Path.Combine(files.Path, "bom.json");
        File.WriteAllText(config, TestConnector.ValidConfig, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

        var run = await HostRun.RunAsync(TestConnector.WithStreams(), "check", "--config", config);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("SUCCEEDED", run.Single("CONNECTION_STATUS", "connectionStatus").GetProperty("status").GetString());
    }

    [Fact]
    public async Task State_and_catalog_files_with_a_byte_order_mark_are_read()
    {
        using var files = new TempDir();
        object? since = null;
        var descriptor = TestConnector.WithStreams(TestConnector.Rows("users", (_, request) =>
        {
            since = request.Since;
            return Row.WithSeqs();
        }, incremental: true));
        var bom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);
        var catalog = Path.Combine(files.Path, "catalog.json");
        File.WriteAllText(catalog, TestConnector.Incremental("users"), bom);
        var state = Path.Combine(files.Path, "state.json");
        File.WriteAllText(state, TestConnector.StreamStates(("users", "{\"seq\":3}")), bom);

        var run = await HostRun.RunAsync(descriptor, "read", "--config", files.Write("config.json", TestConnector.ValidConfig),
            "--catalog", catalog, "--state", state);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(3L, since);
    }

    [Fact]
    public async Task A_config_path_that_is_a_directory_is_a_config_error()
    {
        using var files = new TempDir();

        var run = await HostRun.RunAsync(TestConnector.WithStreams(), "check", "--config", files.Path);

        Assert.Equal(1, run.ExitCode);
        var error = Assert.Single(run.Errors);
        Assert.Equal("config_error", error.GetProperty("failure_type").GetString());
        Assert.StartsWith($"The config file '{files.Path}' cannot be read: ", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_check_stopped_by_a_signal_exits_143_without_a_status()
    {
        using var files = new TempDir();
        using var stop = new CancellationTokenSource();
        var descriptor = TestConnector.Create(check: async (_, request) =>
        {
            stop.Cancel();
            await Task.Delay(Timeout.Infinite, request.CancellationToken);
            return CheckResult.Success();
        });

        var run = await HostRun.RunAsync(descriptor, ["check", "--config", files.Write("c.json", TestConnector.ValidConfig)], stop.Token);

        Assert.Equal(143, run.ExitCode);
        Assert.Empty(run.OfType("CONNECTION_STATUS"));
        Assert.Contains(run.Logs, l => l.GetProperty("level").GetString() == "WARN");
    }
}
