using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using Connectors.Runtime.Commands;
using Connectors.Runtime.Tests.Host;
using Connectors.Runtime.Tests.Support;
using Xunit;

namespace Connectors.Runtime.Tests.Commands;

/// <summary>What the session takes from the process environment: the platform to use and a log file. These set variables, so they run alone.</summary>
[Collection(nameof(EnvironmentCollection))]
public sealed class CommandSessionEnvironmentTests
{
    /// <summary>Sets variables until disposed, then puts back what was there.</summary>
    private sealed class Variables : IDisposable
    {
        private readonly Dictionary<string, string?> _saved = new();

        public Variables(params (string Name, string? Value)[] variables)
        {
            foreach (var (name, value) in variables)
            {
                _saved[name] = Environment.GetEnvironmentVariable(name);
                Environment.SetEnvironmentVariable(name, value);
            }
        }

        public void Dispose()
        {
            foreach (var (name, value) in _saved)
            {
                Environment.SetEnvironmentVariable(name, value);
            }
        }
    }

    [Fact]
    public async Task The_HTTP_platform_without_its_endpoint_is_an_error_on_stderr_and_no_session()
    {
        await using var host = new CommandServerHarness();
        using var _ = new Variables(("CONNECTOR_PLATFORM", "http"), ("TDP_ENDPOINT", null), ("CONNECTOR_ID", "c-1"));

        var session = CommandSession<ServedConnector>.TryCreate(host.Context);

        Assert.Null(session);
        Assert.Equal("error: The HTTP platform needs TDP_ENDPOINT, an absolute URL.\n", host.Stderr.Replace("\r\n", "\n"));
    }

    [Fact]
    public async Task CONNECTOR_LOG_FILE_gets_the_startup_log_once_started_and_the_rest_when_the_session_closes()
    {
        using var folder = new TempDir();
        var file = Path.Combine(folder.Path, "logs", "connector.jsonl");
        // Neither the batch size nor the interval flushes during the test: only the start and the close do.
        using var _ = new Variables(("CONNECTOR_LOG_FILE", file), ("LOG_BATCH_SIZE", "100000"), ("LOG_FLUSH_INTERVAL_SECONDS", "3600"),
            ("CONNECTOR_PLATFORM", "local"));
        await using var host = new CommandServerHarness();
        var session = CommandSession<ServedConnector>.TryCreate(host.Context)!;

        Assert.Null(await session.InitializeAsync(OperatingStatus.Idle));
        var started = File.ReadAllText(file);
        await session.Router.RunAsync("1", TetraScienceActions.SetLogLevel, System.Text.Json.JsonDocument.Parse("""{"level":"INFO"}""").RootElement);
        await session.CloseAsync();
        var closed = File.ReadAllText(file);

        Assert.Contains("\"message\":\"Loaded the config file ", started);
        Assert.DoesNotContain("The log level is INFO.", started);
        Assert.StartsWith(started, closed);
        Assert.Contains("\"message\":\"The log level is INFO.\"", closed[started.Length..]);
    }
}
