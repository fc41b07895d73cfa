using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Connectors.Runtime.Conduit.Config;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using ConduitWire.Opencdc.V1;

namespace Connectors.Runtime.Conduit.Source;

/// <summary>
/// A source between Open and Teardown: reads the selected streams in declaration order through the read seam, resuming
/// each from the opened position; then idles until Stop, or reads its incremental streams again every
/// <c>sdk.poll.interval</c>. Streams with a cursor are read incrementally (CREATE records), the others whole (SNAPSHOT
/// records, once: a completed snapshot is not read again after a restart).
/// </summary>
internal sealed class SourceSession<TConnector> : SourceRun, IAsyncDisposable where TConnector : class
{
    private readonly Configured<TConnector> _configured;
    private readonly IReadOnlyList<SourceStream<TConnector>> _streams;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _reading;
    private Task? _producer;
    private Task? _sender;
    private int _runs;

    private SourceSession(Configured<TConnector> configured, IReadOnlyList<SourceStream<TConnector>> streams, PositionWriter positions,
        ILogger logger, CancellationTokenSource reading)
        : base(positions, configured.Settings.BatchSizeValue > 0 ? configured.Settings.BatchSizeValue : 1000, reading.Token)
    {
        _configured = configured;
        _streams = streams;
        _logger = logger;
        _reading = reading;
    }

    /// <summary>Checks the position against the streams (names, cursor types) and prepares the read.</summary>
    /// <exception cref="RpcException">InvalidArgument: an unknown stream in sdk.streams, or a position this connector cannot resume from.</exception>
    public static async Task<SourceSession<TConnector>> OpenAsync(ConnectorDescriptor<TConnector> descriptor, Configured<TConnector> configured,
        ByteString position, ILogger logger, CancellationToken cancellation)
    {
        IReadOnlyList<SourceStream<TConnector>> all;
        try
        {
            // Static streams, then the ones [DiscoverStreams] methods find (a table per stream, say), as the Airbyte discover lists them.
            all = await descriptor.DiscoverAsync(configured.Connector, logger, cancellation).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new RpcException(new Status(StatusCode.Internal, $"Discovering the streams failed: {ex.Message}"));
        }
        var streams = Select(all, configured.Settings.StreamNames);
        CheckCursorChoices(all, configured.Settings.CursorChoices);
        SourcePosition start;
        try
        {
            start = SourcePosition.Parse(position.Span);
        }
        catch (FormatException ex)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "Cannot resume from the position Conduit gave: " + ex.Message));
        }
        foreach (var stream in streams)
        {
            if (start.Streams.TryGetValue(Collection(stream), out var saved) && saved.State is { } state)
            {
                using var document = JsonDocument.Parse(state);
                if (!stream.TryReadCursor(document.RootElement, out _, out var problem))
                {
                    throw new RpcException(new Status(StatusCode.InvalidArgument,
                        $"Cannot resume from the position Conduit gave: $.streams.{Collection(stream)}.state: {problem}"));
                }
            }
        }
        foreach (var name in start.Streams.Keys.Where(name => streams.All(s => Collection(s) != name)))
        {
            logger.LogWarning("The position names stream '{Stream}', which is not read (not a stream of this connector, or not in {Key}).", name, HostSettings.Streams);
        }
        var positions = new PositionWriter(streams.Select(Collection).ToList(), start);
        return new SourceSession<TConnector>(configured, streams, positions, logger, new CancellationTokenSource());
    }

    /// <summary>Streams records out and acks in, until Conduit closes its side (after Stop) or a stream fails.</summary>
    public async Task RunAsync(IAsyncStreamReader<EncodedAcks> requests, IServerStreamWriter<EncodedRecords> responses, CancellationToken call)
    {
        if (Interlocked.Increment(ref _runs) != 1)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition, "Run was already called for this Open."));
        }
        // A thread of its own: the record loop blocks while the queue is full or too much is unacknowledged, and blocking a
        // pool thread would starve the gRPC server of the threads that drain the queue.
        _producer = Task.Factory.StartNew(ProduceAsync, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
        _sender = SendAsync(responses, call);
        var acks = ReceiveAcksAsync(requests, call);
        try
        {
            if (await Task.WhenAny(acks, _sender).ConfigureAwait(false) == _sender && _sender.IsFaulted)
            {
                var error = _sender.Exception!.GetBaseException();
                throw error as RpcException ?? new RpcException(new Status(StatusCode.Internal, error.Message));
            }
            await acks.ConfigureAwait(false);
            _logger.LogDebug("Conduit closed the Run stream; last acknowledged position: {Position}.", LastAcknowledged.ToStringUtf8());
        }
        finally
        {
            await _reading.CancelAsync().ConfigureAwait(false);
            await Quietly(_producer).ConfigureAwait(false);
        }
    }

    /// <summary>Stops reading, waits until every record read is on the stream, and returns the last one's position.</summary>
    public async Task<ByteString> StopAsync()
    {
        await _reading.CancelAsync().ConfigureAwait(false);
        await Quietly(_producer).ConfigureAwait(false);
        await Quietly(_sender).ConfigureAwait(false);
        return LastSent;
    }

    public async ValueTask DisposeAsync()
    {
        await _reading.CancelAsync().ConfigureAwait(false);
        await Quietly(_producer).ConfigureAwait(false);
        Complete();
        _reading.Dispose();
    }

    private async Task ProduceAsync()
    {
        try
        {
            var settings = _configured.Settings;
            for (var pass = 0; ; pass++)
            {
                foreach (var stream in _streams)
                {
                    // A discovered stream whose cursor a user would choose (candidates, no default) and did not (sdk.cursors): a snapshot.
                    var incremental = !settings.FullRefresh && stream.SupportsIncremental
                        && (stream.Description is null || stream.CursorField is not null || ChosenCursor(stream) is not null);
                    if (!incremental && (pass > 0 || Positions[Collection(stream)].Done))
                    {
                        continue;
                    }
                    var result = await ReadAsync(stream, incremental).ConfigureAwait(false);
                    if (result.Outcome == StreamReadOutcome.Cancelled)
                    {
                        Complete();
                        return;
                    }
                    if (result.Outcome == StreamReadOutcome.Failed)
                    {
                        _logger.LogError(result.Error, "Stream '{Stream}' failed after {Records} records: {Message}", Collection(stream), result.Records, result.Error?.Message);
                        Complete(new RpcException(new Status(StatusCode.Internal, $"Stream '{Collection(stream)}' failed: {result.Error?.Message}")));
                        return;
                    }
                    _logger.LogInformation("Read stream '{Stream}': {Records} records.", Collection(stream), result.Records);
                }
                if (settings.Poll <= TimeSpan.Zero)
                {
                    break;
                }
                await Task.Delay(settings.Poll, Reading).ConfigureAwait(false);
            }
            Complete();
        }
        catch (OperationCanceledException) when (Reading.IsCancellationRequested)
        {
            Complete();
        }
        catch (Exception ex)
        {
            Complete(ex);
        }
    }

    private Task<StreamReadResult> ReadAsync(SourceStream<TConnector> stream, bool incremental)
    {
        var name = Collection(stream);
        var position = Positions[name];
        object? since = null;
        JsonElement? saved = null;
        if (incremental && position.State is { } state)
        {
            using var document = JsonDocument.Parse(state);
            stream.TryReadCursor(document.RootElement, out since, out _);
            // A discovered stream reads its state as it is (by its default cursor); a [Stream] method gets the cursor value.
            saved = document.RootElement.Clone();
        }
        var skip = position.After;
        position.After = 0;
        Positions.Begin(name);
        if (skip > 0)
        {
            _logger.LogInformation("Resuming stream '{Stream}': {Skip} records after the saved cursor were acknowledged already.", name, skip);
        }
        var options = new StreamReadOptions
        {
            SyncMode = incremental ? SyncMode.Incremental : SyncMode.FullRefresh,
            CursorField = ChosenCursor(stream),
            Since = since,
            State = saved,
            StateLocation = saved is null ? null : $"the position Conduit gave, at $.streams.{name}.state",
            Logger = _logger,
            CancellationToken = Reading,
        };
        return stream.Accept(new Reader(this, options, skip, incremental ? Operation.Create : Operation.Snapshot));
    }

    /// <summary>
    /// The stream's OpenCDC collection, and its key in <c>sdk.streams</c> and in positions: its name, prefixed by its
    /// namespace when it has one (<c>public.orders</c>), so that discovered tables of two schemas stay apart.
    /// </summary>
    public static string Collection(SourceStream<TConnector> stream) => stream.Namespace is null ? stream.Name : stream.Namespace + "." + stream.Name;

    /// <summary>The cursor <c>sdk.cursors</c> chose for the stream; null for its default.</summary>
    private string? ChosenCursor(SourceStream<TConnector> stream) =>
        _configured.Settings.CursorChoices.TryGetValue(Collection(stream), out var field) ? field : null;

    /// <summary>Each choice names a stream whose cursor a user may choose (found at run time, not source-defined) and one of its candidates.</summary>
    /// <exception cref="RpcException">InvalidArgument: every choice that is not, each with why.</exception>
    private static void CheckCursorChoices(IReadOnlyList<SourceStream<TConnector>> streams, IReadOnlyDictionary<string, string> choices)
    {
        var problems = new List<string>();
        foreach (var (name, field) in choices)
        {
            var stream = streams.FirstOrDefault(s => Collection(s) == name);
            if (stream is null)
            {
                problems.Add($"no stream named '{name}' (the streams are {string.Join(", ", streams.Select(Collection))})");
            }
            else if (stream.Description is not { SourceDefinedCursor: false, CursorCandidates.Count: > 0 } description)
            {
                problems.Add(stream.CursorField is { } own
                    ? $"stream '{name}' reads by its own cursor '{own}', which cannot be chosen"
                    : $"stream '{name}' has no cursor to choose");
            }
            else if (!description.CursorCandidates.Contains(field))
            {
                problems.Add($"'{field}' is not a cursor stream '{name}' can read by; its cursor candidates are: {string.Join(", ", description.CursorCandidates)}");
            }
        }
        if (problems.Count > 0)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"{HostSettings.Cursors}: {string.Join("; ", problems)}."));
        }
    }

    private static List<SourceStream<TConnector>> Select(IReadOnlyList<SourceStream<TConnector>> streams, IReadOnlyList<string>? names)
    {
        if (names is null)
        {
            return streams.ToList();
        }
        var unknown = names.Where(name => streams.All(s => Collection(s) != name)).ToList();
        if (unknown.Count > 0)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument,
                $"{HostSettings.Streams}: no stream named {string.Join(", ", unknown.Select(n => "'" + n + "'"))} (the streams are {string.Join(", ", streams.Select(Collection))})."));
        }
        return streams.Where(s => names.Contains(Collection(s))).ToList();
    }

    private static async Task Quietly(Task? task)
    {
        if (task is null)
        {
            return;
        }
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Reported where it happened (the Run call or the log).
        }
    }

    private sealed class Reader(SourceSession<TConnector> session, StreamReadOptions options, long skip, Operation operation)
        : ISourceStreamVisitor<TConnector, Task<StreamReadResult>>
    {
        public Task<StreamReadResult> Visit<TRecord>(SourceStream<TConnector, TRecord> stream)
        {
            var encoder = new RecordEncoder<TRecord>(Collection(stream), stream.WriteRecord, stream.PrimaryKey, operation, session._configured.Settings.PayloadFormat);
            return stream.ReadAsync(session._configured.Connector, options, new ConduitRecordSink<TRecord>(session, encoder, skip));
        }
    }
}
