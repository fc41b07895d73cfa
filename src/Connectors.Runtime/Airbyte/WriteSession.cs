using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Connectors.Runtime.Protocol;
using Microsoft.Extensions.Logging;

namespace Connectors.Runtime.Airbyte;

/// <summary>
/// The <c>write</c> loop: reads input lines, buffers RECORDs per stream and hands full buffers to the destination; at
/// every STATE it hands over every buffered record, commits, and only then echoes the state with the number of records
/// committed since the previous one. Nothing is acknowledged that has not been committed: a failure or a stop ends the
/// loop before the next echo.
/// </summary>
internal sealed class WriteSession<TConnector> where TConnector : class
{
    private readonly TConnector _connector;
    private readonly DestinationHandlers<TConnector> _handlers;
    private readonly Target[] _targets;
    private readonly Dictionary<StreamKey, Target> _byKey = new();
    private readonly LineReader _lines;
    private readonly JsonLineWriter _output;
    private readonly ILogger _logger;
    private readonly CancellationToken _cancellation;
    private Target? _last;
    private Target? _full;
    private StateEcho? _state;
    private long _sinceGlobalState;
    private bool _uncommitted;
    private long _records;
    private long _batches;
    private long _states;

    public WriteSession(TConnector connector, DestinationHandlers<TConnector> handlers, IReadOnlyList<DestinationStream> streams,
        LineReader lines, JsonLineWriter output, ILogger logger, CancellationToken cancellation)
    {
        _connector = connector;
        _handlers = handlers;
        _lines = lines;
        _output = output;
        _logger = logger;
        _cancellation = cancellation;
        _targets = new Target[streams.Count];
        for (var i = 0; i < streams.Count; i++)
        {
            _targets[i] = new Target(streams[i]);
            _byKey[_targets[i].Key] = _targets[i];
        }
    }

    public async Task RunAsync()
    {
        foreach (var target in _targets)
        {
            await StreamHookAsync(_handlers.StartStream, target, "starting").ConfigureAwait(false);
        }
        while (true)
        {
            switch (ReadUntilWork())
            {
                case Work.WriteBatch:
                    await WriteAsync(_full!).ConfigureAwait(false);
                    break;
                case Work.Checkpoint:
                    await CommitAllAsync().ConfigureAwait(false);
                    EchoState();
                    break;
                default:
                    await CommitAllAsync().ConfigureAwait(false);
                    foreach (var target in _targets)
                    {
                        await StreamHookAsync(_handlers.EndStream, target, "ending").ConfigureAwait(false);
                    }
                    _logger.LogInformation("Wrote {Records} records of {Streams} stream(s) in {Batches} batches; echoed {States} states.",
                        _records, _targets.Length, _batches, _states);
                    return;
            }
        }
    }

    private enum Work
    {
        WriteBatch,
        Checkpoint,
        EndOfInput,
    }

    /// <summary>Reads lines until the destination has work: a full batch, a state, or the end of the input.</summary>
    private Work ReadUntilWork()
    {
        while (TryReadLine(out var line))
        {
            _cancellation.ThrowIfCancellationRequested();
            if (line.Trim(" \t"u8).IsEmpty)
            {
                continue;
            }
            InputMessage message;
            try
            {
                message = InputMessage.Parse(line);
            }
            catch (JsonException ex)
            {
                throw Problem("it is not a JSON object: " + InputMessage.Describe(line, ex));
            }
            if (message.Kind == InputKind.Record)
            {
                var target = Route(line, message);
                if (message.DataToken != JsonTokenType.StartObject)
                {
                    throw Problem(message.DataToken == JsonTokenType.None
                        ? $"a RECORD of stream '{target.Key}' without data."
                        : $"a RECORD of stream '{target.Key}' whose data is {Kind(message.DataToken)}, not an object.", target.Key);
                }
                target.Batch.Add(message.Data.Of(line), message.EmittedAt ?? AirbyteWriter.Now());
                target.SinceState++;
                _sinceGlobalState++;
                _records++;
                if (target.Batch.Count >= target.Stream.MaxBatchRecords || target.Batch.ByteCount >= target.Stream.MaxBatchBytes)
                {
                    _full = target;
                    return Work.WriteBatch;
                }
            }
            else if (message.Kind == InputKind.State)
            {
                if (message.State.IsEmpty)
                {
                    throw Problem("a STATE message without a state object.");
                }
                _state = new StateEcho(line, message.State);
                return Work.Checkpoint;
            }
        }
        return Work.EndOfInput;
    }

    private bool TryReadLine(out ReadOnlySpan<byte> line)
    {
        try
        {
            return _lines.TryReadLine(out line);
        }
        catch (LineTooLongException ex)
        {
            throw new InputLineException(ex.LineNumber, "it is longer than the longest line accepted.");
        }
    }

    /// <summary>The stream of a record: usually the previous record's, compared byte for byte without decoding.</summary>
    private Target Route(ReadOnlySpan<byte> line, InputMessage message)
    {
        if (message.Stream.IsEmpty)
        {
            throw Problem(message.HasRecordObject ? "a RECORD without a stream name." : "a RECORD message without a record object.");
        }
        if (_last is { } last && !message.Stream.Escaped && !message.Namespace.Escaped
            && message.Stream.Of(line).SequenceEqual(last.NameUtf8) && message.Namespace.Of(line).SequenceEqual(last.NamespaceUtf8))
        {
            return last;
        }
        var key = new StreamKey(Decode(line, message.Stream)!, Decode(line, message.Namespace));
        if (!_byKey.TryGetValue(key, out var target))
        {
            throw Problem($"a RECORD of stream '{key}', which is not in the catalog (its streams are: {string.Join(", ", _byKey.Keys)}).", key);
        }
        _last = target;
        return target;
    }

    private async Task WriteAsync(Target target)
    {
        try
        {
            await _handlers.Write(_connector, new WriteRequest(target.Stream, target.Batch, _logger, _cancellation)).ConfigureAwait(false);
        }
        catch (Exception ex) when (!IsStop(ex))
        {
            throw new DestinationCodeException($"writing stream '{target.Key}'", target.Key, ex);
        }
        target.Batch.Clear(target.Stream.MaxBatchBytes);
        _uncommitted = true;
        _batches++;
    }

    /// <summary>Hands every buffered record to the destination, then commits whatever was written since the last commit.</summary>
    private async Task CommitAllAsync()
    {
        foreach (var target in _targets)
        {
            if (target.Batch.Count > 0)
            {
                await WriteAsync(target).ConfigureAwait(false);
            }
        }
        if (!_uncommitted)
        {
            return;
        }
        if (_handlers.Commit is { } commit)
        {
            try
            {
                await commit(_connector, new CommitRequest(_logger, _cancellation)).ConfigureAwait(false);
            }
            catch (Exception ex) when (!IsStop(ex))
            {
                throw new DestinationCodeException("committing", null, ex);
            }
        }
        _uncommitted = false;
    }

    /// <summary>Echoes the state just read: everything before it is committed.</summary>
    private void EchoState()
    {
        var state = _state!;
        long count;
        if (state.Stream is { } key)
        {
            count = _byKey.TryGetValue(key, out var target) ? target.SinceState : 0;
            if (target is not null)
            {
                target.SinceState = 0;
            }
        }
        else
        {
            count = _sinceGlobalState;
            _sinceGlobalState = 0;
        }
        state.WriteTo(_output, count);
        _states++;
        _state = null;
    }

    private async Task StreamHookAsync(Func<TConnector, StreamHookRequest, ValueTask>? hook, Target target, string doing)
    {
        if (hook is null)
        {
            return;
        }
        _cancellation.ThrowIfCancellationRequested();
        try
        {
            await hook(_connector, new StreamHookRequest(target.Stream, _logger, _cancellation)).ConfigureAwait(false);
        }
        catch (Exception ex) when (!IsStop(ex))
        {
            throw new DestinationCodeException($"{doing} stream '{target.Key}'", target.Key, ex);
        }
    }

    /// <summary>A cancellation caused by a stop request is a stop, not a failure of the destination.</summary>
    private bool IsStop(Exception ex) => ex is OperationCanceledException && _cancellation.IsCancellationRequested;

    private InputLineException Problem(string problem, StreamKey? stream = null) => new(_lines.LineNumber, problem, stream);

    private static string? Decode(ReadOnlySpan<byte> line, InputMessage.Slice slice)
    {
        if (slice.IsEmpty)
        {
            return null;
        }
        if (!slice.Escaped)
        {
            return Encoding.UTF8.GetString(slice.Of(line));
        }
        // Escapes are rare in stream names; let the JSON reader undo them.
        var reader = new Utf8JsonReader(line.Slice(slice.Start - 1, slice.Length + 2));
        reader.Read();
        return reader.GetString();
    }

    private static string Kind(JsonTokenType token) => token switch
    {
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        _ => "null",
    };

    /// <summary>A configured stream while it is written: its buffer and its records since its last state.</summary>
    private sealed class Target
    {
        public Target(DestinationStream stream)
        {
            Stream = stream;
            Key = new StreamKey(stream.Name, stream.Namespace);
            NameUtf8 = Encoding.UTF8.GetBytes(stream.Name);
            NamespaceUtf8 = Encoding.UTF8.GetBytes(stream.Namespace ?? "");
        }

        public DestinationStream Stream { get; }

        public StreamKey Key { get; }

        public byte[] NameUtf8 { get; }

        public byte[] NamespaceUtf8 { get; }

        public RecordBatch Batch { get; } = new();

        public long SinceState { get; set; }
    }
}
