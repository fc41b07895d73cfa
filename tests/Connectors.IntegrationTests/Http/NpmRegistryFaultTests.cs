using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Connectors.IntegrationTests.Infrastructure;
using Xunit;

namespace Connectors.IntegrationTests.Http;

/// <summary>
/// The sample read through <see cref="FaultProxy"/>: 429s with Retry-After and X-RateLimit-Reset, 503s, a response slower
/// than the attempt timeout and dropped connections, on a schedule. The output must equal the fault-free run's, every
/// retry must be logged with its reason, and the proxy's own clock must show the client waited as long as it was told.
/// </summary>
[Collection(VerdaccioCollection.Name)]
public sealed class NpmRegistryFaultTests
{
    private readonly Verdaccio _registry;

    public NpmRegistryFaultTests(Verdaccio registry) => _registry = registry;

    private static Connector Npm => Connector.NpmRegistry;

    private static readonly object Settings = new
    {
        search_text = "@acme/widget",
        page_size = 4,
        concurrency = 3,
        retry_delay_seconds = 0.2,
        request_timeout_seconds = 4,
    };

    [Fact]
    public async Task Faults_on_a_schedule_leave_the_output_unchanged_and_every_wait_is_respected()
    {
        var catalog = await Npm.CatalogAsync("full_refresh", "packages", "versions");
        var clean = await Npm.RunAsync("read", "--config", _registry.ConfigFile(extra: Settings), "--catalog", catalog);
        var schedule = new Dictionary<int, Fault>
        {
            [0] = new Fault.RetryAfter(1),
            [2] = new Fault.Unavailable(),
            [4] = new Fault.Drop(),
            [6] = new Fault.Slow(TimeSpan.FromSeconds(10)),
            [8] = new Fault.DropMidBody(),
            [10] = new Fault.RateLimitReset(1),
            [12] = new Fault.Unavailable(),
        };
        await using var proxy = await FaultProxy.StartAsync(_registry.Url, schedule);

        var faulty = await Npm.RunAsync("read", "--config", _registry.ConfigFile(proxy.Url, Settings), "--catalog", catalog);

        Assert.Equal(0, clean.ExitCode);
        Assert.True(faulty.ExitCode == 0, faulty.Describe());
        Assert.Equal(Canonical(clean), Canonical(faulty));
        Assert.Equal(Canonical(clean).Count, clean.Records().Count);
        Assert.Equal(States(clean), States(faulty));
        ReadAssertions.CompleteAndCheckpointed(faulty, "packages", "versions");

        var requests = proxy.Requests;
        Assert.All(schedule.Keys, index => Assert.Contains(requests, r => r.Index == index && r.Fault is not null));
        foreach (var told in requests.Where(r => r.ResumeAt is not null))
        {
            // The retry of the same URL comes no earlier than the server asked, by the server's clock.
            var retry = requests.First(r => r.Index > told.Index && r.PathAndQuery == told.PathAndQuery);
            Assert.True(retry.ArrivedAt >= told.ResumeAt, $"{told.Fault} at {told.ArrivedAt:O} asked for {told.ResumeAt:O}; the retry came at {retry.ArrivedAt:O}");
        }
        var retries = faulty.Logs.Where(l => l.GetProperty("level").GetString() == "WARN")
            .Select(l => l.GetProperty("message").GetString()!).Where(m => m.StartsWith("Retrying ", StringComparison.Ordinal)).ToList();
        // One retry per fault; a busy machine may add attempt timeouts of its own, never other retries.
        var described = string.Join("\n", retries);
        Assert.True(schedule.Values.Count(f => f is not Fault.Slow) == retries.Count(m => !m.Contains("no response within", StringComparison.Ordinal)), described);
        Assert.True(retries.Count >= schedule.Count, described);
        Assert.Contains(retries, m => m.Contains("429 Too Many Requests, Retry-After: 1", StringComparison.Ordinal));
        Assert.Contains(retries, m => m.Contains("429 Too Many Requests, X-RateLimit-Reset: ", StringComparison.Ordinal));
        Assert.Contains(retries, m => m.Contains("503 Service Unavailable", StringComparison.Ordinal));
        Assert.Contains(retries, m => m.Contains("no response within 4 s", StringComparison.Ordinal));
        Assert.All(retries, m => Assert.Matches(new Regex(@"^Retrying (GET|PUT) http://127\.0\.0\.1:\d+/\S* in [\d.]+ s \(retry \d of 5\): .+"), m));
        Assert.DoesNotContain(_registry.Token, faulty.Stdout + faulty.Stderr);
    }

    [Fact]
    public async Task Retries_that_run_out_fail_the_stream_with_a_transient_error()
    {
        await using var proxy = await FaultProxy.AlwaysAsync(_registry.Url, new Fault.Unavailable());
        var config = _registry.ConfigFile(proxy.Url, new { max_retries = 2, retry_delay_seconds = 0.05 });

        var run = await Npm.RunAsync("read", "--config", config, "--catalog", await Npm.CatalogAsync("full_refresh", "user"));

        Assert.Equal(1, run.ExitCode);
        var error = Assert.Single(run.Errors);
        Assert.Equal("transient_error", error.GetProperty("failure_type").GetString());
        Assert.Contains("still failed after 3 attempt(s): 503 Service Unavailable", error.GetProperty("message").GetString());
        Assert.Equal(3, proxy.Requests.Count);
        Assert.Equal(new[] { "STARTED", "INCOMPLETE" }, run.Statuses("user"));
    }

    // RECORD data (emitted_at aside) in a stable order: partitions read concurrently interleave differently each run.
    private static IReadOnlyList<string> Canonical(ConnectorRun run) =>
        run.Records().Select(r => r.GetProperty("stream").GetString() + " " + r.GetProperty("data").GetRawText()).Order(StringComparer.Ordinal).ToList();

    private static IReadOnlyList<string> States(ConnectorRun run) =>
        ReadAssertions.FinalStates(run).Select(s => s.GetProperty("stream").GetRawText()).Order(StringComparer.Ordinal).ToList();
}
