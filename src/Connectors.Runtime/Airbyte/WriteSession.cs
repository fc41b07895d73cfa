using System;
using System.Collections.Generic;
using System.Linq;
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
/// loop before the next echo. A stream is finalized (its <c>[StreamEnd]</c> runs, after a commit) when its
/// <c>COMPLETE</c> status arrives; every stream that did not complete is left as it is, with a LOG WARN and its
/// <c>[StreamIncomplete]</c> hook (see <see cref="StreamCompletion"/>).
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
    private readonly StreamCompletion _completion;
    private readonly bool _completeWithoutStatus;
    private readonly DataFields _dataFields = new();
    private Target? _last;
    private Target? _full;
    private Target? _completed;
    private StateEcho? _state;
    private long _sinceGlobalState;
    private bool _uncommitted;
    private long _records;
    private long _batches;
    private long _states;
    private int _finalized;

    /// <summary>
    /// A session over the configured <paramref name="streams"/>. With <paramref name="completeWithoutStatus"/>, every
    /// stream is finalized at a clean end of an input that carries no STREAM_STATUS and no TRACE ERROR at all (a source
    /// older than stream statuses) instead of being left unfinished.
    /// </summary>
    public WriteSession(TConnector connector, DestinationHandlers<TConnector> handlers, IReadOnlyList<DestinationStream> streams,
        LineReader lines, JsonLineWriter output, ILogger logger, CancellationToken cancellation, bool completeWithoutStatus = false)
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
        _completion = new StreamCompletion(_targets.Select(t => t.Key));
        _completeWithoutStatus = completeWithoutStatus;
    }

    /// <exception cref="IncompleteStreamsException">The input ended cleanly, but not every stream completed.</exception>
    public async Task RunAsync()
    {
        try
        {
            foreach (var target in _targets)
            {
                await StreamHookAsync(_handlers.StartStream, target, "starting").ConfigureAwait(false);
                target.Started = true;
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
                    case Work.StreamComplete:
                        await FinalizeAsync(_completed!).ConfigureAwait(false);
                        break;
                    default:
                        await EndOfInputAsync().ConfigureAwait(false);
                        return;
                }
            }
        }
        catch (Exception ex) when (ReasonFor(ex) is { } reason)
        {
            await LeaveUnfinishedAsync(_completion.AfterFailure(reason), afterFailure: true).ConfigureAwait(false);
            throw;
        }
    }

    private enum Work
    {
        WriteBatch,
        Checkpoint,
        StreamComplete,
        EndOfInput,
    }

    /// <summary>
    /// The input ended cleanly: everything buffered is written and committed, then streams are finalized when the user
    /// opted in for a source without statuses; every other stream that did not complete is left unfinished.
    /// </summary>
    private async Task EndOfInputAsync()
    {
        await CommitAllAsync().ConfigureAwait(false);
        var (finalize, unfinished) = _completion.AtEndOfInput(_completeWithoutStatus);
        if (_completeWithoutStatus && unfinished.Count > 0)
        {
            _logger.LogWarning("Not finalizing streams without a status at the end of the input, although asked to ({Option} complete): the input carries {What}, so a stream without COMPLETE did not finish.",
                "--" + WriteOptions.StreamsWithoutStatusOption, _completion.SawStatuses ? "stream statuses" : "an error of the source");
        }
        foreach (var key in finalize)
        {
            _logger.LogWarning("Finalizing stream '{Stream}' at the end of an input without stream statuses, as asked ({Option} complete).",
                key, "--" + WriteOptions.StreamsWithoutStatusOption);
            await FinalizeAsync(_byKey[key]).ConfigureAwait(false);
        }
        await LeaveUnfinishedAsync(unfinished, afterFailure: false).ConfigureAwait(false);
        _logger.LogInformation("Wrote {Records} records of {Streams} stream(s) in {Batches} batches; echoed {States} states; finalized {Finalized} stream(s).",
            _records, _targets.Length, _batches, _states, _finalized);
        if (unfinished.Count > 0)
        {
            throw new IncompleteStreamsException(unfinished, _completion.SawStatuses);
        }
    }

    /// <summary>The stream's COMPLETE arrived: its records are written and committed, then its <c>[StreamEnd]</c> runs.</summary>
    private async Task FinalizeAsync(Target target)
    {
        if (target.Batch.Count > 0)
        {
            await WriteAsync(target).ConfigureAwait(false);
        }
        await CommitAsync().ConfigureAwait(false);
        target.Ended = true;
        await StreamHookAsync(_handlers.EndStream, target, "finalizing").ConfigureAwait(false);
        _finalized++;
        _logger.LogInformation("Stream '{Stream}' is complete and finalized.", target.Key);
    }

    /// <summary>
    /// Leaves each stream that did not complete as it is: a LOG WARN says which and why, then its <c>[StreamIncomplete]</c>
    /// hook runs (for streams whose start hook ran). After a failure nothing here may hide that failure: problems are
    /// logged; at a clean end the first failing hook is thrown once every stream had its turn.
    /// </summary>
    private async Task LeaveUnfinishedAsync(IReadOnlyList<UnfinishedStream> unfinished, bool afterFailure)
    {
        DestinationCodeException? failed = null;
        foreach (var stream in unfinished)
        {
            var target = _byKey[stream.Stream];
            if (target.Ended)
            {
                continue;
            }
            target.Ended = true;
            Quietly(afterFailure, () => _logger.LogWarning("Stream '{Stream}' is not finalized: {Why}. {Kept}", stream.Stream, stream.Why, WhatStays(target.Stream)));
            var hook = _handlers.IncompleteStream;
            if (!target.Started || hook is null)
            {
                continue;
            }
            try
            {
                await hook(_connector, new StreamIncompleteRequest(target.Stream, stream.Reason, _logger, _cancellation)).ConfigureAwait(false);
            }
            catch (Exception ex) when (afterFailure)
            {
                Quietly(true, () => _logger.LogWarning("The destination's [StreamIncomplete] method failed for stream '{Stream}': {Message}", stream.Stream, ex.Message));
            }
            catch (Exception ex) when (!IsStop(ex))
            {
                failed ??= new DestinationCodeException($"leaving the incomplete stream '{stream.Stream}'", stream.Stream, ex);
            }
        }
        if (failed is not null)
        {
            throw failed;
        }
    }

    private static string WhatStays(DestinationStream stream) =>
        stream.ReplacesData ? "Its previous data stays visible; what this attempt committed is kept for a retry to resume from."
        : stream.RemovesOlderGenerations ? "Rows of older generations are not deleted; what this attempt committed is kept."
        : "What this attempt committed is kept.";

    /// <summary>Runs <paramref name="action"/>; after a failure, swallows what it throws (the output may be gone).</summary>
    private static void Quietly(bool afterFailure, Action action)
    {
        try
        {
            action();
        }
        catch (Exception) when (afterFailure)
        {
        }
    }

    /// <summary>Why the streams that did not complete stay unfinished when <paramref name="ex"/> ends the write; null: leave them alone.</summary>
    private StreamIncompleteReason? ReasonFor(Exception ex) => ex switch
    {
        OutputClosedException or IncompleteStreamsException => null,
        InputLineException => StreamIncompleteReason.InvalidInput,
        OperationCanceledException when _cancellation.IsCancellationRequested => StreamIncompleteReason.Stopped,
        _ => StreamIncompleteReason.DestinationFailed,
    };

    /// <summary>Reads lines until the destination has work: a full batch, a state, or the end of the input.</summary>
    private Work ReadUntilWork()
    {
        while (TryReadLine(out var line))
        {
            _cancellation.ThrowIfCancellationRequested();
            // A message starts with its '{': only a line that does not is checked for being blank.
            if ((line.IsEmpty || line[0] != (byte)'{') && line.Trim(" \t"u8).IsEmpty)
            {
                continue;
            }
            InputMessage message;
            try
            {
                message = InputMessage.Parse(line, _dataFields);
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
                if (target.Ended)
                {
                    throw Problem($"a RECORD of stream '{target.Key}' after the stream's COMPLETE status.", target.Key);
                }
                target.Batch.AddParsed(message.Data.Of(line), message.EmittedAt ?? AirbyteWriter.Now(), _dataFields.AsSpan());
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
            else if (message.Kind == InputKind.StreamStatus)
            {
                if (TakeStatus(line, message) is { } complete)
                {
                    _completed = complete;
                    return Work.StreamComplete;
                }
            }
            else if (message.Kind == InputKind.SourceError)
            {
                _completion.OnSourceError(message.Stream.IsEmpty ? null : new StreamKey(Decode(line, message.Stream)!, Decode(line, message.Namespace)),
                    Decode(line, message.ErrorMessage));
            }
        }
        return Work.EndOfInput;
    }

    /// <summary>Takes a STREAM_STATUS; returns the stream to finalize when it is the stream's COMPLETE.</summary>
    private Target? TakeStatus(ReadOnlySpan<byte> line, InputMessage message)
    {
        string? note;
        if (message.Stream.IsEmpty)
        {
            note = "Ignored a STREAM_STATUS without a stream name.";
        }
        else
        {
            var key = new StreamKey(Decode(line, message.Stream)!, Decode(line, message.Namespace));
            if (_completion.OnStatus(key, message.Status, out note))
            {
                return _byKey[key];
            }
        }
        if (note is not null)
        {
            _logger.LogWarning("Line {Line} of the input: {Note}", _lines.LineNumber, note);
        }
        return null;
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
        await CommitAsync().ConfigureAwait(false);
    }

    /// <summary>Commits whatever was written since the last commit.</summary>
    private async Task CommitAsync()
    {
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

        /// <summary>The stream's start hook ran, so its incomplete hook may run.</summary>
        public bool Started { get; set; }

        /// <summary>The stream was finalized or left unfinished: no hook runs for it again, and no record may follow.</summary>
        public bool Ended { get; set; }
    }
}
