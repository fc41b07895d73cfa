using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using Connectors.Runtime.Conduit.Config;
using Connectors.Runtime.Conduit.Records;
using Connectors.Runtime.Secrets;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using ConduitWire.Opencdc.V1;
using Ack = ConduitWire.Connector.V2.Destination.Types.Run.Types.Response.Types.Ack;
using RunRequest = ConduitWire.Connector.V2.Destination.Types.Run.Types.Request;
using RunResponse = ConduitWire.Connector.V2.Destination.Types.Run.Types.Response;

namespace Connectors.Runtime.Conduit.Destination;

/// <summary>
/// A destination between Open and Teardown. Records arrive in batches; each goes to its stream (its
/// <c>opencdc.collection</c>, or <c>sdk.stream</c>), into that stream's <see cref="RecordBatch"/>; whenever no more
/// records are waiting (or <c>sdk.batch.size</c> are pending) every batch is handed to the author's <c>[Write]</c>, then
/// <c>[Commit]</c> runs, and only then are the records acknowledged, in order. A record that cannot be written (a delete,
/// a payload that is not a JSON object, a write or commit that throws) is acknowledged with the error, and every record
/// after it too: nothing after a failure is acknowledged as written.
/// </summary>
internal sealed class DestinationSession<TConnector> : IAsyncDisposable where TConnector : class
{
    private const string Collection = "opencdc.collection";
    private const string ReadAt = "opencdc.readAt";

    private readonly Configured<TConnector> _configured;
    private readonly DestinationHandlers<TConnector> _handlers;
    private readonly ILogger _logger;
    private readonly SecretMasker _masker;
    private readonly Dictionary<string, Target> _targets = new(StringComparer.Ordinal);
    private readonly List<Target> _order = new();
    private readonly List<ByteString> _pending = new();
    private readonly ArrayBufferWriter<byte> _json = new(1024);
    private readonly Utf8JsonWriter _writer;
    private readonly int _batchSize;
    private readonly object _gate = new();
    private ByteString? _lastAcknowledged;
    private ByteString? _stopAt;
    private TaskCompletionSource? _stopped;
    private string? _failure;
    private bool _uncommitted;
    private int _runs;

    public DestinationSession(Configured<TConnector> configured, DestinationHandlers<TConnector> handlers, ILogger logger, SecretMasker masker)
    {
        _masker = masker;
        _configured = configured;
        _handlers = handlers;
        _logger = logger;
        _writer = new Utf8JsonWriter(_json, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        _batchSize = configured.Settings.BatchSizeValue > 0 ? configured.Settings.BatchSizeValue
            : handlers.MaxBatchRecords > 0 ? handlers.MaxBatchRecords : DestinationStream.DefaultMaxBatchRecords;
    }

    public async Task RunAsync(IAsyncStreamReader<RunRequest> requests, IServerStreamWriter<RunResponse> responses, CancellationToken call)
    {
        if (Interlocked.Increment(ref _runs) != 1)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition, "Run was already called for this Open."));
        }
        var queue = Channel.CreateBounded<RunRequest>(new BoundedChannelOptions(16) { SingleReader = true, SingleWriter = true });
        var receiving = ReceiveAsync(requests, queue.Writer, call);
        try
        {
            var reader = queue.Reader;
            while (await reader.WaitToReadAsync(call).ConfigureAwait(false))
            {
                var response = new RunResponse();
                while (_pending.Count < _batchSize && reader.TryRead(out var request))
                {
                    foreach (var record in request.Records)
                    {
                        await TakeAsync(record, response, call).ConfigureAwait(false);
                    }
                }
                await FlushAsync(response, call).ConfigureAwait(false);
                if (response.Acks.Count > 0)
                {
                    await responses.WriteAsync(response, call).ConfigureAwait(false);
                    Acknowledged(response.Acks[^1].Position);
                }
            }
        }
        finally
        {
            await receiving.ConfigureAwait(false);
            lock (_gate)
            {
                _stopped?.TrySetResult();
            }
        }
    }

    /// <summary>Returns once the record at <paramref name="lastPosition"/> is written and acknowledged (or Run ended).</summary>
    public Task StopAsync(ByteString lastPosition, CancellationToken cancellation)
    {
        lock (_gate)
        {
            if (lastPosition.IsEmpty || (_lastAcknowledged is { } last && last.Equals(lastPosition)))
            {
                return Task.CompletedTask;
            }
            _stopAt = lastPosition;
            _stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _stopped.Task.WaitAsync(cancellation);
        }
    }

    public ValueTask DisposeAsync()
    {
        _writer.Dispose();
        return ValueTask.CompletedTask;
    }

    private static async Task ReceiveAsync(IAsyncStreamReader<RunRequest> requests, ChannelWriter<RunRequest> queue, CancellationToken call)
    {
        Exception? error = null;
        try
        {
            while (await requests.MoveNext(call).ConfigureAwait(false))
            {
                await queue.WriteAsync(requests.Current, call).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or RpcException or ChannelClosedException)
        {
            error = ex is OperationCanceledException ? null : ex;
        }
        queue.TryComplete(error);
    }

    private void Acknowledged(ByteString position)
    {
        lock (_gate)
        {
            _lastAcknowledged = position;
            if (_stopAt is { } stopAt && stopAt.Equals(position))
            {
                _stopped?.TrySetResult();
            }
        }
    }

    /// <summary>Puts one record into its stream's batch, or acknowledges it with the reason it cannot be written.</summary>
    private async Task TakeAsync(Record record, RunResponse response, CancellationToken call)
    {
        if (_failure is not null)
        {
            response.Acks.Add(new Ack { Position = record.Position, Error = "not written: an earlier record failed: " + _failure });
            return;
        }
        var problem = Data(record, out var data);
        string? stream = null;
        if (problem is null)
        {
            stream = _configured.Settings.TargetStream
                ?? (record.Metadata.TryGetValue(Collection, out var collection) && collection.Length > 0 ? collection : null);
            problem = stream is null ? $"the record has no {Collection} metadata, and {HostSettings.Stream} is not set." : null;
        }
        if (problem is null)
        {
            var target = await TargetAsync(stream!, record, data, response, call).ConfigureAwait(false);
            if (target is null)
            {
                response.Acks.Add(new Ack { Position = record.Position, Error = "not written: " + _failure });
                return;
            }
            target.Batch.Add(data.Span, EmittedAt(record));
            _pending.Add(record.Position);
            if (target.Batch.Count >= target.Stream.MaxBatchRecords || target.Batch.ByteCount >= target.Stream.MaxBatchBytes)
            {
                await FlushAsync(response, call).ConfigureAwait(false);
            }
            return;
        }
        // Everything before the bad record is written and acknowledged first; nothing after it is.
        await FlushAsync(response, call).ConfigureAwait(false);
        Fail(problem, response);
        response.Acks.Add(new Ack { Position = record.Position, Error = problem });
    }

    /// <summary>The record's payload.after as JSON object bytes; a problem when there is none.</summary>
    private string? Data(Record record, out ReadOnlyMemory<byte> data)
    {
        data = default;
        if (record.Operation == Operation.Delete)
        {
            return "operation delete (OPERATION_DELETE) is not supported: the SDK's destinations have no delete handler ([Write] receives records to write), so the record is not written.";
        }
        var after = record.Payload?.After;
        switch (after?.DataCase)
        {
            case ConduitWire.Opencdc.V1.Data.DataOneofCase.StructuredData:
                _json.ResetWrittenCount();
                _writer.Reset(_json);
                JsonStruct.Write(_writer, after.StructuredData);
                _writer.Flush();
                data = _json.WrittenMemory;
                return null;
            case ConduitWire.Opencdc.V1.Data.DataOneofCase.RawData:
                data = after.RawData.Memory;
                var reader = new Utf8JsonReader(data.Span);
                try
                {
                    if (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
                    {
                        reader.Skip();
                        return null;
                    }
                }
                catch (JsonException)
                {
                }
                return "payload.after holds raw data that is not a JSON object.";
            default:
                return "the record has no payload.after.";
        }
    }

    private async Task<Target?> TargetAsync(string name, Record record, ReadOnlyMemory<byte> data, RunResponse response, CancellationToken call)
    {
        if (_targets.TryGetValue(name, out var target))
        {
            return target;
        }
        var schema = InferredSchema.Of(data.Span);
        var fields = StreamField.FromSchema(schema);
        var stream = new DestinationStream
        {
            Name = name,
            SyncMode = DestinationSyncMode.Append,
            SourceSyncMode = SyncMode.Incremental,
            JsonSchema = schema,
            Fields = fields,
            PrimaryKey = InferredSchema.PrimaryKey(record.Key, fields),
        };
        if (_handlers.MaxBatchRecords > 0)
        {
            stream.MaxBatchRecords = _handlers.MaxBatchRecords;
        }
        if (_handlers.MaxBatchBytes > 0)
        {
            stream.MaxBatchBytes = _handlers.MaxBatchBytes;
        }
        if (_handlers.StartStream is { } start)
        {
            try
            {
                await start(_configured.Connector, new StreamHookRequest(stream, _logger, call)).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                await FlushAsync(response, call).ConfigureAwait(false);
                Fail($"preparing stream '{name}' failed: {ex.Message}", response);
                _logger.LogError(ex, "Preparing stream '{Stream}' failed.", name);
                return null;
            }
        }
        _logger.LogInformation("Writing stream '{Stream}' ({Fields} fields inferred from its first record).", name, fields.Count);
        target = new Target(stream);
        _targets[name] = target;
        _order.Add(target);
        return target;
    }

    /// <summary>Writes every batch, commits, and acknowledges every pending record (or fails them all).</summary>
    private async Task FlushAsync(RunResponse response, CancellationToken call)
    {
        if (_pending.Count == 0)
        {
            return;
        }
        try
        {
            foreach (var target in _order)
            {
                if (target.Batch.Count > 0)
                {
                    await WriteAsync(target, call).ConfigureAwait(false);
                }
            }
            if (_uncommitted && _handlers.Commit is { } commit)
            {
                await commit(_configured.Connector, new CommitRequest(_logger, call)).ConfigureAwait(false);
            }
            _uncommitted = false;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _logger.LogError(ex, "Writing failed: {Message}", ex.Message);
            Fail("writing failed: " + ex.Message, response);
            return;
        }
        foreach (var position in _pending)
        {
            response.Acks.Add(new Ack { Position = position });
        }
        _pending.Clear();
    }

    private async Task WriteAsync(Target target, CancellationToken call)
    {
        await _handlers.Write(_configured.Connector, new WriteRequest(target.Stream, target.Batch, _logger, call)).ConfigureAwait(false);
        target.Batch.Clear();
        _uncommitted = true;
    }

    /// <summary>From now on nothing is written: the pending records are acknowledged with the error.</summary>
    private void Fail(string problem, RunResponse response)
    {
        problem = _masker.Apply(problem);
        _failure ??= problem;
        foreach (var position in _pending)
        {
            response.Acks.Add(new Ack { Position = position, Error = problem });
        }
        _pending.Clear();
        foreach (var target in _order)
        {
            target.Batch.Clear();
        }
    }

    private static long EmittedAt(Record record) =>
        record.Metadata.TryGetValue(ReadAt, out var nanos) && long.TryParse(nanos, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value / 1_000_000
            : DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    private sealed class Target(DestinationStream stream)
    {
        public DestinationStream Stream { get; } = stream;

        public RecordBatch Batch { get; } = new();
    }
}
