using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Connectors.Client.Caching;
using Connectors.Client.Catalog;
using Connectors.Client.Destinations;
using Connectors.Client.Execution;
using Connectors.Client.Progress;
using Connectors.Client.Protocol;

namespace Connectors.Client;

/// <summary>
/// A destination connector: pipes a source's (or a cache's) records and states into its <c>write</c>, checks that it
/// echoes every state in order, and keeps the last echoed state of each stream as the sync's progress, so the next write
/// resumes from there.
/// </summary>
public sealed class Destination : Connector
{
    /// <summary>A destination run by <paramref name="executor"/>.</summary>
    public Destination(IConnectorExecutor executor, JsonObject? config = null, ConnectorOptions? options = null)
        : base(executor, config, options)
    {
    }

    /// <summary>A destination at <paramref name="location"/> (see <see cref="ConnectorLocator"/>).</summary>
    public static Destination From(string location, JsonObject? config = null, ConnectorOptions? options = null) =>
        new(ConnectorLocator.Resolve(location, options?.Home), config, options);

    /// <summary>
    /// Reads <paramref name="source"/>'s selected streams and writes them here: RECORD, STATE and STREAM_STATUS messages are
    /// passed through unchanged. The state of the previous write (from <see cref="WriteOptions.StateStore"/>) makes the
    /// read incremental.
    /// </summary>
    public async Task<WriteResult> WriteAsync(Source source, WriteOptions? options = null, IProgress<SyncProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        options ??= new WriteOptions();
        var store = options.StateStore ?? Cache.Default(Options.Home);
        var streams = await source.GetSelectedStreamsAsync(cancellationToken).ConfigureAwait(false);
        var configured = await ConfigureAsync(ConfiguredCatalog.Configure(streams, options.FullRefresh), cancellationToken).ConfigureAwait(false);
        var state = options.FullRefresh ? null : await store.GetStateAsync(source.Name, streams.Select(s => s.Name), cancellationToken, Name).ConfigureAwait(false);
        await using var sourceRun = await source.StartReadAsync(configured, state, cancellationToken).ConfigureAwait(false);
        return await PipeAsync(source.Name, configured, store, progress, sourceRun,
            (input, acks, tracker) => Forward(sourceRun, input, acks, tracker, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes the streams <paramref name="source"/> read into <paramref name="cache"/> (all of them, or <paramref name="streams"/>)
    /// here, each whole: full_refresh into overwrite where the destination supports it.
    /// </summary>
    public async Task<WriteResult> WriteAsync(Cache cache, string source, IEnumerable<string>? streams = null, IProgress<SyncProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var catalog = await CachedCatalog(cache, source, cancellationToken).ConfigureAwait(false);
        var wanted = streams?.ToList();
        var selected = wanted is null ? catalog : wanted.Select(name => catalog.FirstOrDefault(s => s.Name == name)
            ?? throw new ConnectorException($"The cache holds no stream '{name}' of {source}.")).ToList();
        var configured = await ConfigureAsync(ConfiguredCatalog.Configure(selected, fullRefresh: true), cancellationToken).ConfigureAwait(false);
        var states = await cache.GetStatesAsync(source, "", cancellationToken).ConfigureAwait(false);
        return await PipeAsync(source, configured, cache, progress, null,
            (input, acks, tracker) => CacheRecordWriter.Write(cache, source, selected, states, input,
                (stream, bytes) => { var c = tracker[stream]; c.Records++; c.Bytes += bytes; },
                state => acks.OnSent(state), cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<ConfiguredStream>> ConfigureAsync(IReadOnlyList<ConfiguredStream> streams, CancellationToken cancellationToken)
    {
        var supported = (await GetSpecAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).SupportedDestinationSyncModes;
        if (supported.Count == 0)
        {
            return streams;
        }
        return streams.Select(s => supported.Contains(s.DestinationSyncMode)
            ? s
            : s with { DestinationSyncMode = supported.Contains("append") ? "append" : supported[0] }).ToList();
    }

    private static async Task<IReadOnlyList<StreamInfo>> CachedCatalog(Cache cache, string source, CancellationToken cancellationToken)
    {
        await using var connection = cache.OpenConnection();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT catalog_json FROM {cache.Qualify(Cache.StreamsTable)} WHERE source_name = {cache.Parameter("source")} ORDER BY stream_name";
        cache.AddParameter(command, "source", source);
        var streams = new List<StreamInfo>();
        try
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                using var document = JsonDocument.Parse(reader.GetString(0));
                streams.Add(new StreamInfo(document.RootElement.Clone()));
            }
        }
        catch (System.Data.Common.DbException)
        {
        }
        return streams.Count > 0 ? streams : throw new ConnectorException($"The cache {cache} holds nothing read from {source}.");
    }

    /// <summary>
    /// Runs <c>write</c>, feeding its stdin with <paramref name="feed"/> on one thread while its echoes are read on another;
    /// saves the acknowledged progress whatever happens, then reports the first failure.
    /// </summary>
    private async Task<WriteResult> PipeAsync(string source, IReadOnlyList<ConfiguredStream> configured, Cache store, IProgress<SyncProgress>? progress,
        ConnectorRun? sourceRun, Action<Stream, StateAcknowledgements, ProgressTracker> feed, CancellationToken cancellationToken)
    {
        using var tracker = new ProgressTracker(configured.Select(c => c.Stream.Name), progress);
        var acks = new StateAcknowledgements();
        var config = await PrepareConfigAsync(cancellationToken).ConfigureAwait(false);
        var files = new RunFiles();
        var arguments = new List<string>
        {
            "write",
            "--config", files.Write("config.json", config),
            "--catalog", files.Write("catalog.json", ConfiguredCatalog.ToJson(configured)),
        };
        await using var run = await ConnectorRun.StartAsync(this, "write", files, arguments, cancellationToken).ConfigureAwait(false);
        tracker.SetPhase(SyncPhase.Reading);
        var echoes = Task.Run(() => ReadEchoesAsync(run, acks, tracker, cancellationToken), cancellationToken);
        Exception? feedError = null;
        try
        {
            await Task.Factory.StartNew(() =>
            {
                using var input = new BufferedStream(run.Input, 64 * 1024);
                feed(input, acks, tracker);
            }, cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            feedError = ex;
            sourceRun?.Kill();
        }
        finally
        {
            try
            {
                run.Input.Close();
            }
            catch (IOException)
            {
            }
        }
        int? sourceExit = sourceRun is null ? 0 : await sourceRun.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        tracker.SetPhase(SyncPhase.Writing);
        await echoes.ConfigureAwait(false);
        var exitCode = await run.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        tracker.SetPhase(SyncPhase.Finalizing);
        if (acks.Progress.Count > 0 && store is SqlCache sql)
        {
            sql.SaveStates(source, Name, acks.Progress.Select(p => (p.Key, p.Value)));
        }
        try
        {
            if (exitCode != 0 || run.Errors.Count > 0)
            {
                throw run.Failure(exitCode, null);
            }
            if (sourceRun is not null && (sourceExit != 0 || sourceRun.Errors.Count > 0))
            {
                throw sourceRun.Failure(sourceExit, null);
            }
            if (feedError is not null)
            {
                throw new ConnectorException($"Writing to {Name} failed: {Masker.Apply(feedError.Message)}", feedError);
            }
            if (acks.Problems.Count > 0 || acks.Pending > 0)
            {
                var problems = acks.Problems.ToList();
                if (acks.Pending > 0)
                {
                    problems.Add($"{acks.Pending} state(s) were never echoed");
                }
                throw new ConnectorException($"{Name} did not acknowledge the sync's states: {string.Join("; ", problems)}.");
            }
        }
        catch
        {
            tracker.SetPhase(SyncPhase.Failed);
            throw;
        }
        tracker.SetPhase(SyncPhase.Completed);
        var snapshot = tracker.Snapshot();
        return new WriteResult(snapshot.Records, acks.Sent, acks.Acknowledged, acks.Progress, snapshot.Elapsed);
    }

    /// <summary>Passes the source's RECORD, STATE and STREAM_STATUS lines through unchanged, counting them.</summary>
    private static void Forward(ConnectorRun sourceRun, Stream input, StateAcknowledgements acks, ProgressTracker tracker, CancellationToken cancellationToken)
    {
        var output = sourceRun.Output;
        var lookup = new CounterLookup(tracker);
        var lines = 0;
        while (output.TryReadLine(out var memory))
        {
            if ((++lines & 1023) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
            var line = memory.Span;
            if (RecordLine.HasRecordPrefix(line))
            {
                lookup.Count(line);
            }
            else
            {
                var scanned = MessageScanner.Scan(line);
                if (!sourceRun.Observe(line, scanned))
                {
                    continue;
                }
                switch (scanned.Type)
                {
                    case MessageType.Record:
                        lookup.Count(line);
                        break;
                    case MessageType.State:
                        acks.OnSent(scanned.Payload(line));
                        break;
                    case MessageType.Trace when line.IndexOf("\"STREAM_STATUS\""u8) >= 0:
                        var trace = new TraceMessage(JsonDocument.Parse(scanned.Payload(memory)).RootElement);
                        if (trace.StreamName is { } name && trace.StreamStatus is { } status)
                        {
                            tracker[name].Status = status;
                        }
                        break;
                    default:
                        continue;
                }
            }
            input.Write(line);
            input.WriteByte((byte)'\n');
        }
        input.Flush();
    }

    private async Task ReadEchoesAsync(ConnectorRun run, StateAcknowledgements acks, ProgressTracker tracker, CancellationToken cancellationToken)
    {
        while (await run.Output.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            var scanned = MessageScanner.Scan(line.Span);
            if (run.Observe(line.Span, scanned) && scanned.Type == MessageType.State
                && acks.OnEchoed(scanned.Payload(line.Span)) is { } stream)
            {
                if (stream == Cache.GlobalStateKey)
                {
                    foreach (var counter in tracker.Snapshot().Streams)
                    {
                        tracker[counter.Name].States++;
                    }
                }
                else
                {
                    tracker[stream].States++;
                }
            }
        }
    }

    /// <summary>Counts a record line against its stream (the name read with a reader, no string unless the stream is new).</summary>
    private sealed class CounterLookup
    {
        private readonly ProgressTracker _tracker;
        private readonly Dictionary<string, ProgressTracker.Counter> _counters = new(StringComparer.Ordinal);
        private byte[] _lastName = [];
        private ProgressTracker.Counter? _last;

        public CounterLookup(ProgressTracker tracker) => _tracker = tracker;

        public void Count(ReadOnlySpan<byte> line)
        {
            var reader = new Utf8JsonReader(line);
            var depth = 0;
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.StartObject) depth++;
                else if (reader.TokenType is JsonTokenType.EndObject) depth--;
                else if (depth == 2 && reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("stream"u8))
                {
                    reader.Read();
                    ProgressTracker.Counter counter;
                    if (_last is not null && reader.ValueTextEquals(_lastName))
                    {
                        counter = _last;
                    }
                    else
                    {
                        var name = reader.GetString() ?? "";
                        if (!_counters.TryGetValue(name, out counter!))
                        {
                            _counters[name] = counter = _tracker[name];
                        }
                        _last = counter;
                        _lastName = System.Text.Encoding.UTF8.GetBytes(name);
                    }
                    counter.Records++;
                    counter.Bytes += line.Length + 1;
                    return;
                }
                else if (depth >= 2 && reader.TokenType is JsonTokenType.PropertyName)
                {
                    reader.Read();
                    reader.Skip();
                }
            }
        }
    }
}
