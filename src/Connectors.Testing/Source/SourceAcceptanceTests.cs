using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Connectors.Runtime;
using Connectors.Testing.Processes;
using Connectors.Testing.Session;
using Connectors.Testing.Validation;

namespace Connectors.Testing;

/// <summary>
/// The acceptance tests of a source: derive a test class from it, and every rule of the Airbyte protocol a source keeps
/// becomes a test of that class (spec, check, discover, read, full refresh, incremental, robustness, secrets).
/// </summary>
/// <example>
/// <code>
/// public class WeatherSourceAcceptanceTests : SourceAcceptanceTests&lt;WeatherSource&gt;
/// {
///     protected override string Config => """{"api_key": "test-key", "city": "Oslo"}""";
/// }
/// </code>
/// </example>
/// <typeparam name="TConnector">The source connector class.</typeparam>
public abstract partial class SourceAcceptanceTests<TConnector> : ConnectorAcceptanceTests<TConnector>
    where TConnector : class, IConnector<TConnector>
{
    /// <summary>Streams that may read no record with <see cref="ConnectorAcceptanceTests{TConnector}.Config"/> (every other stream must read at least one).</summary>
    protected virtual IEnumerable<string> EmptyStreams => [];

    /// <summary>
    /// False for a source whose two reads of the same data may differ (live data, random values): the full-refresh rule
    /// is then skipped.
    /// </summary>
    protected virtual bool IsDeterministic => true;

    /// <summary>
    /// A config whose read lasts long enough to be interrupted (a few seconds or many records): the SIGTERM and closed
    /// stdout rules stop a read in its middle. By default <see cref="ConnectorAcceptanceTests{TConnector}.Config"/>; when
    /// that read ends too soon, those rules are skipped and say so.
    /// </summary>
    protected virtual string LongReadConfig => Config;

    /// <summary>
    /// Resume an incremental read from every Nth of its intermediate states (1: from every one). By default N is chosen
    /// so that about five resumed reads are made.
    /// </summary>
    protected virtual int ResumeFromEveryNthState => 0;

    /// <summary>The run of <c>discover</c>.</summary>
    internal Task<ProcessRun> DiscoverRunAsync() => Session.OnceAsync("discover", () => Session.RunAsync(["discover", "--config", ConfigFile()]));

    /// <summary>The catalog <c>discover</c> printed, or a skip pointing at the rule about it.</summary>
    internal async Task<JsonElement> RequireCatalogAsync()
    {
        var run = await DiscoverRunAsync();
        var catalogs = run.OfType("CATALOG").Select(m => Message.Payload(m, "catalog"))
            .Where(c => Message.Payload(c, "streams").ValueKind == JsonValueKind.Array).ToList();
        return catalogs.Count == 1 ? catalogs[0] : throw new RuleNotApplicableException(
            $"{ConnectorName} discover printed no single CATALOG: see {nameof(Discover_prints_one_catalog_of_uniquely_named_streams)}.");
    }

    /// <summary>The discovered streams.</summary>
    internal async Task<IReadOnlyList<DiscoveredStream>> StreamsAsync() => DiscoveredStream.Of(await RequireCatalogAsync());

    /// <summary>The record schemas of the discovered streams.</summary>
    internal async Task<RecordSchemas> SchemasAsync() => new(await RequireCatalogAsync());

    /// <summary>The streams a full-refresh read configures: every stream that supports full refresh.</summary>
    internal async Task<IReadOnlyList<DiscoveredStream>> FullRefreshStreamsAsync() => (await StreamsAsync()).Where(s => s.SupportsFullRefresh).ToList();

    /// <summary>The streams an incremental read configures: every stream that supports it.</summary>
    internal async Task<IReadOnlyList<DiscoveredStream>> IncrementalStreamsAsync() => (await StreamsAsync()).Where(s => s.SupportsIncremental).ToList();

    /// <summary>A full-refresh read of every stream (<paramref name="attempt"/> 1 and 2 are the two reads compared).</summary>
    internal Task<ProcessRun> FullReadAsync(int attempt = 1) => Session.OnceAsync($"read:full:{attempt}", async () =>
    {
        var catalog = Session.WriteFile("catalog-full-refresh.json", DiscoveredStream.Catalog(await FullRefreshStreamsAsync(), "full_refresh"));
        return await Session.RunAsync(["read", "--config", ConfigFile(), "--catalog", catalog]);
    });

    /// <summary>An incremental read of every incremental stream, from no state.</summary>
    internal Task<ProcessRun> IncrementalReadAsync() => Session.OnceAsync("read:incremental", async () =>
        await Session.RunAsync(["read", "--config", ConfigFile(), "--catalog", await IncrementalCatalogAsync()]));

    /// <summary>The incremental catalog as a file.</summary>
    internal async Task<string> IncrementalCatalogAsync() =>
        Session.WriteFile("catalog-incremental.json", DiscoveredStream.Catalog(await IncrementalStreamsAsync(), "incremental"));

    /// <summary>The reads the read rules look at: the full refresh, and the incremental one when a stream supports it.</summary>
    internal async Task<IReadOnlyList<(ProcessRun Run, IReadOnlyList<DiscoveredStream> Streams)>> ReadsAsync()
    {
        var reads = new List<(ProcessRun, IReadOnlyList<DiscoveredStream>)>();
        var full = await FullRefreshStreamsAsync();
        if (full.Count > 0)
        {
            reads.Add((await FullReadAsync(), full));
        }
        var incremental = await IncrementalStreamsAsync();
        if (incremental.Count > 0)
        {
            reads.Add((await IncrementalReadAsync(), incremental));
        }
        return reads;
    }

    private protected override async Task RunEveryCommandAsync()
    {
        await CheckRunAsync();
        await BadCheckRunsAsync();
        await DiscoverRunAsync();
        try
        {
            await ReadsAsync();
            await GarbageRunsAsync();
        }
        catch (RuleNotApplicableException)
        {
            // No catalog to read with: the runs made so far are searched.
        }
    }
}
