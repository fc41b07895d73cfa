using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;
using Connectors.Client.Caching;
using Connectors.Client.Catalog;
using Connectors.Client.Execution;
using Connectors.Client.Progress;
using Connectors.Client.Protocol;

namespace Connectors.Client;

/// <summary>
/// A source connector: discover its streams, select some, and read them as protocol messages, as typed records, or into a
/// cache (SQLite, DuckDB, PostgreSQL) that keeps each stream's state so the next read is incremental.
/// </summary>
public sealed class Source : Connector
{
    private SourceCatalog? _catalog;
    private IReadOnlyList<string> _selected = Array.Empty<string>();

    /// <summary>A source run by <paramref name="executor"/>.</summary>
    public Source(IConnectorExecutor executor, JsonObject? config = null, ConnectorOptions? options = null)
        : base(executor, config, options)
    {
    }

    /// <summary>A source at <paramref name="location"/> (see <see cref="ConnectorLocator"/>).</summary>
    public static Source From(string location, JsonObject? config = null, ConnectorOptions? options = null) =>
        new(ConnectorLocator.Resolve(location, options?.Home), config, options);

    /// <summary>The selected stream names; empty means every stream.</summary>
    public IReadOnlyList<string> SelectedStreams => _selected;

    /// <summary>Reads only these streams (checked against the catalog when a read starts).</summary>
    public void SelectStreams(params string[] streams) => _selected = streams.Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>Reads every stream.</summary>
    public void SelectAllStreams() => _selected = Array.Empty<string>();

    /// <summary>Runs <c>discover</c> once and caches the catalog (<paramref name="refresh"/> runs it again).</summary>
    public async Task<SourceCatalog> DiscoverAsync(bool refresh = false, CancellationToken cancellationToken = default)
    {
        if (_catalog is null || refresh)
        {
            var config = await PrepareConfigAsync(cancellationToken).ConfigureAwait(false);
            var json = await RunForMessageAsync("discover", MessageType.Catalog, config, cancellationToken).ConfigureAwait(false);
            _catalog = new SourceCatalog(json);
        }
        return _catalog;
    }

    /// <summary>The selected streams as discovered, in catalog order; throws for a selected name the source lacks.</summary>
    public async Task<IReadOnlyList<StreamInfo>> GetSelectedStreamsAsync(CancellationToken cancellationToken = default)
    {
        var catalog = await DiscoverAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        if (_selected.Count == 0)
        {
            return catalog.Streams;
        }
        foreach (var name in _selected)
        {
            _ = catalog[name];
        }
        return catalog.Streams.Where(s => _selected.Contains(s.Name, StringComparer.Ordinal)).ToList();
    }

    /// <summary>
    /// Reads the selected streams and yields every message (LOG messages too; CONTROL messages update the config). After
    /// the last message, a TRACE ERROR or a non-zero exit throws <see cref="ConnectorFailedException"/>.
    /// </summary>
    public async IAsyncEnumerable<AirbyteMessage> ReadAsync(ReadOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        options ??= new ReadOptions();
        var configured = ConfiguredCatalog.Configure(await GetSelectedStreamsAsync(cancellationToken).ConfigureAwait(false), options.FullRefresh);
        await using var run = await StartReadAsync(configured, options.FullRefresh ? null : options.State, cancellationToken).ConfigureAwait(false);
        while (await run.Output.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            var scanned = MessageScanner.Scan(line.Span);
            run.Observe(line.Span, scanned);
            if (scanned.Type == MessageType.Unknown)
            {
                continue;
            }
            yield return ParseMasked(line.Span, scanned.Type);
        }
        var exitCode = await run.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        run.ThrowIfFailed(exitCode);
    }

    /// <summary>The records of one stream bound to <typeparamref name="T"/> (trim and AOT safe with source-generated metadata).</summary>
    public async IAsyncEnumerable<T> ReadRecordsAsync<T>(string stream, JsonTypeInfo<T> typeInfo, ReadOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var previous = _selected;
        SelectStreams(stream);
        try
        {
            await foreach (var message in ReadAsync(options, cancellationToken).ConfigureAwait(false))
            {
                if (message.Record is { } record && record.Stream == stream)
                {
                    yield return record.As(typeInfo);
                }
            }
        }
        finally
        {
            _selected = previous;
        }
    }

    /// <summary>
    /// Reads the selected streams into <paramref name="cache"/>: one table per stream with typed columns, written in one
    /// transaction at the end with the streams' new state, so a failed read leaves the cache as it was. The next read
    /// starts from the state stored in the cache (unless <see cref="ReadOptions.FullRefresh"/>).
    /// </summary>
    public async Task<ReadResult> ReadAsync(Cache cache, ReadOptions? options = null, IProgress<SyncProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        options ??= new ReadOptions();
        var configured = ConfiguredCatalog.Configure(await GetSelectedStreamsAsync(cancellationToken).ConfigureAwait(false), options.FullRefresh);
        var state = options.FullRefresh ? null : options.State ?? await cache.GetStateAsync(Name, configured.Select(s => s.Stream.Name), cancellationToken).ConfigureAwait(false);
        return await new CacheReader(this, cache, configured, options.WriteStrategy, progress).RunAsync(state, cancellationToken).ConfigureAwait(false);
    }

    internal async Task<ConnectorRun> StartReadAsync(IReadOnlyList<ConfiguredStream> streams, JsonArray? state, CancellationToken cancellationToken)
    {
        var config = await PrepareConfigAsync(cancellationToken).ConfigureAwait(false);
        var files = new RunFiles();
        var arguments = new List<string>
        {
            "read",
            "--config", files.Write("config.json", config),
            "--catalog", files.Write("catalog.json", ConfiguredCatalog.ToJson(streams)),
        };
        if (state is { Count: > 0 })
        {
            arguments.Add("--state");
            arguments.Add(files.Write("state.json", state));
        }
        var run = await ConnectorRun.StartAsync(this, "read", files, arguments, cancellationToken).ConfigureAwait(false);
        run.Input.Close();
        return run;
    }

    /// <summary>LOG and TRACE messages pass through the masker before anyone sees them.</summary>
    private AirbyteMessage ParseMasked(ReadOnlySpan<byte> line, MessageType type)
    {
        if (type is not (MessageType.Log or MessageType.Trace))
        {
            return AirbyteMessage.Parse(line)!;
        }
        var text = System.Text.Encoding.UTF8.GetString(line);
        return AirbyteMessage.Parse(System.Text.Encoding.UTF8.GetBytes(Masker.Apply(text)))!;
    }
}
