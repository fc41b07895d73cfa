using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Connectors.Client.Catalog;
using Connectors.Client.Execution;
using Connectors.Client.Progress;
using Connectors.Client.Protocol;

namespace Connectors.Client.Caching;

/// <summary>
/// A read into a cache. One thread reads the source's stdout line by line (bytes, no string per line), parses each RECORD
/// straight into a row of its stream's current batch and hands full batches to a second thread, which writes them with the
/// stream's bulk writer into its staging table (<see cref="RowPipeline"/>); STATE messages are kept per stream. When the
/// source exits cleanly and every batch is written, the session swaps the staging tables in and stores the states in one
/// transaction; on any failure the session rolls back, so the cache is left as it was.
/// </summary>
internal sealed class CacheReader : IStreamLookup
{
    private readonly Source _source;
    private readonly Cache _cache;
    private readonly IReadOnlyList<ConfiguredStream> _configured;
    private readonly WriteStrategy _strategy;
    private readonly IProgress<SyncProgress>? _progress;
    private StreamSlot[] _slots = [];
    private StreamSlot? _last;
    private readonly List<string> _incomplete = new();

    public CacheReader(Source source, Cache cache, IReadOnlyList<ConfiguredStream> configured, WriteStrategy strategy, IProgress<SyncProgress>? progress)
    {
        _source = source;
        _cache = cache;
        _configured = configured;
        _strategy = strategy;
        _progress = progress;
    }

    /// <summary>The strategy auto picks, as PyAirbyte: replace a full refresh, merge a keyed incremental stream, else append.</summary>
    public static WriteStrategy Resolve(WriteStrategy strategy, ConfiguredStream stream, TableSchema schema) => strategy != WriteStrategy.Auto
        ? strategy
        : !stream.Incremental ? WriteStrategy.Replace : schema.PrimaryKey.Count > 0 ? WriteStrategy.Merge : WriteStrategy.Append;

    public async Task<ReadResult> RunAsync(JsonArray? state, CancellationToken cancellationToken)
    {
        using var tracker = new ProgressTracker(_configured.Select(c => c.Stream.Name), _progress);
        try
        {
            var result = await RunAsync(tracker, state, cancellationToken).ConfigureAwait(false);
            tracker.SetPhase(SyncPhase.Completed);
            return result;
        }
        catch
        {
            tracker.SetPhase(SyncPhase.Failed);
            throw;
        }
    }

    /// <summary>The cache could not open: the connector started beside it is stopped (disposing kills it).</summary>
    private static async Task StopStartedAsync(Task<ConnectorRun> starting)
    {
        try
        {
            await (await starting.ConfigureAwait(false)).DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ConnectorException or OperationCanceledException)
        {
            // It did not start (an invalid config, a missing executable): the cache's failure is the one to report.
        }
    }

    private async Task<ReadResult> RunAsync(ProgressTracker tracker, JsonArray? state, CancellationToken cancellationToken)
    {
        _slots = _configured.Select(configured =>
        {
            var schema = TableSchema.From(configured.Stream.JsonSchema, configured.Stream.PrimaryKey);
            var plan = new CacheStreamPlan(configured.Stream.Name, _cache.TableName(configured.Stream.Name), schema, Resolve(_strategy, configured, schema));
            return new StreamSlot(configured, plan, new RowParser(schema, _cache.ParsesTemporal), tracker[configured.Stream.Name]);
        }).ToArray();
        // The connector starts (config validated first) while the cache opens its session: its start-up and ours overlap.
        var starting = Task.Run(() => _source.StartReadAsync(_configured, state, cancellationToken), cancellationToken);
        CacheSession session;
        try
        {
            session = _cache.BeginSession(_slots.Select(s => s.Plan).ToList());
        }
        catch
        {
            await StopStartedAsync(starting).ConfigureAwait(false);
            throw;
        }
        using var opened = session;
        try
        {
            await using var run = await starting.ConfigureAwait(false);
            tracker.SetPhase(SyncPhase.Reading);
            Exception? pumpError = null;
            using (var pipeline = new RowPipeline(batch => WriteBatch(session, batch), cancellationToken))
            {
                try
                {
                    await Task.Factory.StartNew(() => Pump(run, pipeline, cancellationToken), cancellationToken,
                        TaskCreationOptions.LongRunning, TaskScheduler.Default).ConfigureAwait(false);
                    pipeline.Complete();
                }
                catch (Exception ex)
                {
                    pipeline.Abort();
                    pumpError = ex;
                }
                // The writer's failure is the cause when both stopped (the reader then only saw the pipeline close).
                pumpError = await pipeline.WaitAsync().ConfigureAwait(false) ?? pumpError;
            }
            if (pumpError is OperationCanceledException && cancellationToken.IsCancellationRequested)
            {
                run.Kill();
                cancellationToken.ThrowIfCancellationRequested();
            }
            if (pumpError is not null)
            {
                run.Kill();
            }
            var exitCode = await run.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            if (pumpError is not null)
            {
                throw run.Failure(exitCode, $"the client could not store its output: {pumpError.Message}");
            }
            run.ThrowIfFailed(exitCode);
            if (_incomplete.Count > 0)
            {
                throw run.Failure(exitCode, $"the stream(s) {string.Join(", ", _incomplete)} ended INCOMPLETE.");
            }
            tracker.SetPhase(SyncPhase.Writing);
            var outcomes = _slots.Select(s =>
            {
                var states = new List<(string, string)>();
                if (s.LastState is not null)
                {
                    states.Add((s.Configured.Stream.Name, s.LastState));
                }
                return new StreamOutcome(s.Plan, s.Writer, s.Writer is null ? null : session.StagingName(s.Plan), states);
            }).ToList();
            foreach (var outcome in outcomes)
            {
                outcome.Writer?.Complete();
            }
            var shared = _globalState is null ? [] : new[] { (Cache.GlobalStateKey, _globalState) };
            tracker.SetPhase(SyncPhase.Finalizing);
            session.Commit(_source.Name, outcomes, shared, _configured.Select(c => c.Stream));
        }
        finally
        {
            foreach (var slot in _slots)
            {
                slot.Writer?.Dispose();
            }
        }
        return new ReadResult(_cache, _slots.Select(s => new StreamReadResult(
            s.Configured.Stream.Name, s.Plan.Table, s.Plan.Strategy, s.Counter.Records, s.Counter.Bytes, s.Counter.States)).ToList(), tracker.Elapsed);
    }

    private string? _globalState;

    /// <summary>On the writing thread: the stream's staging table is made at its first batch.</summary>
    private static void WriteBatch(CacheSession session, RowBatch batch)
    {
        var slot = batch.Slot;
        var writer = slot.Writer ??= session.OpenWriter(slot.Plan);
        writer.Write(batch.Rows.AsSpan(0, batch.Count));
    }

    private void Pump(ConnectorRun run, RowPipeline pipeline, CancellationToken cancellationToken)
    {
        _pipeline = pipeline;
        var output = run.Output;
        var lines = 0;
        while (output.TryReadLine(out var memory))
        {
            if ((++lines & 1023) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
            var line = memory.Span;
            StreamSlot? slot;
            if (RecordLine.HasRecordPrefix(line))
            {
                slot = RecordLine.ParsePrefixed(line, this);
            }
            else
            {
                var scanned = MessageScanner.Scan(line);
                if (!run.Observe(line, scanned))
                {
                    continue;
                }
                switch (scanned.Type)
                {
                    case MessageType.Record:
                        var payload = scanned.Payload(line);
                        var reader = new Utf8JsonReader(payload, new JsonReaderOptions { MaxDepth = 512 });
                        reader.Read();
                        slot = RecordLine.ParseRecord(ref reader, payload, this);
                        break;
                    case MessageType.State:
                        OnState(scanned.Payload(line));
                        continue;
                    case MessageType.Trace:
                        OnTrace(scanned.Payload(line));
                        continue;
                    default:
                        continue;
                }
            }
            if (slot is null)
            {
                continue;
            }
            var batch = slot.Batch!;
            batch.Count++;
            batch.Bytes += line.Length;
            if (batch.IsFull)
            {
                pipeline.Send(batch);
                slot.Batch = batch = pipeline.Rent(slot);
            }
            slot.Parser.Row = batch.Next;
            slot.Counter.Records++;
            slot.Counter.Bytes += line.Length + 1;
        }
        foreach (var slot in _slots)
        {
            if (slot.Batch is { } batch)
            {
                pipeline.Send(batch);
            }
        }
    }

    public StreamSlot? Find(ref Utf8JsonReader reader)
    {
        if (_last is not null && reader.ValueTextEquals(_last.NameUtf8))
        {
            return _last;
        }
        foreach (var slot in _slots)
        {
            if (reader.ValueTextEquals(slot.NameUtf8))
            {
                if (slot.Batch is null)
                {
                    // A stream's first record: its batches are made now, so a stream without records costs nothing.
                    slot.Batch = _pipeline!.Rent(slot);
                    slot.Parser.Row = slot.Batch.Next;
                }
                return _last = slot;
            }
        }
        return null;
    }

    private RowPipeline? _pipeline;

    private void OnState(ReadOnlySpan<byte> payload)
    {
        using var document = JsonDocument.Parse(payload.ToArray());
        var root = document.RootElement;
        var json = Encoding.UTF8.GetString(payload);
        if (root.TryGetProperty("stream", out var stream) && stream.TryGetProperty("stream_descriptor", out var descriptor)
            && descriptor.TryGetProperty("name", out var name) && name.GetString() is { } streamName)
        {
            foreach (var slot in _slots)
            {
                if (slot.Configured.Stream.Name == streamName)
                {
                    slot.LastState = json;
                    slot.Counter.States++;
                }
            }
            return;
        }
        // GLOBAL (or legacy) state covers every stream.
        _globalState = json;
        foreach (var slot in _slots)
        {
            slot.Counter.States++;
        }
    }

    private void OnTrace(ReadOnlySpan<byte> payload)
    {
        if (payload.IndexOf("STREAM_STATUS"u8) < 0)
        {
            return;
        }
        using var document = JsonDocument.Parse(payload.ToArray());
        var trace = new TraceMessage(document.RootElement);
        if (trace.StreamName is not { } name || trace.StreamStatus is not { } status)
        {
            return;
        }
        foreach (var slot in _slots)
        {
            if (slot.Configured.Stream.Name == name)
            {
                slot.Counter.Status = status;
                if (status == "INCOMPLETE")
                {
                    _incomplete.Add(name);
                }
            }
        }
    }
}
