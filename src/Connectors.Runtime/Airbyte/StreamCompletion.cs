using System.Collections.Generic;
using System.Linq;

namespace Connectors.Runtime.Airbyte;

/// <summary>
/// What the input of <c>write</c> says about each configured stream: its STREAM_STATUS messages and the source's TRACE
/// ERRORs. It decides which streams a destination may finalize (swap an overwrite in, delete older generations): only
/// those whose <c>COMPLETE</c> arrived — or, when the user opts in for a source that sends no statuses at all, every
/// stream at a clean end of an input without statuses and without errors. Every other stream is left unfinished, with
/// the reason.
/// </summary>
internal sealed class StreamCompletion
{
    private const int MaxMessageLength = 500;

    private readonly Dictionary<StreamKey, Progress> _streams = new();
    private readonly List<StreamKey> _order = new();
    private string? _syncError;

    public StreamCompletion(IEnumerable<StreamKey> streams)
    {
        foreach (var stream in streams)
        {
            _streams[stream] = new Progress();
            _order.Add(stream);
        }
    }

    /// <summary>True once the input carried a STREAM_STATUS for any stream (configured or not).</summary>
    public bool SawStatuses { get; private set; }

    /// <summary>True once the input carried a TRACE ERROR from the source.</summary>
    public bool SawSourceError { get; private set; }

    /// <summary>True when the stream's COMPLETE arrived (and no error or INCOMPLETE came first).</summary>
    public bool IsComplete(StreamKey stream) => _streams.TryGetValue(stream, out var progress) && progress.State == State.Complete;

    /// <summary>
    /// Takes a STREAM_STATUS. Returns true when it is the stream's COMPLETE, so the stream is to be finalized now;
    /// <paramref name="note"/> says why a status was ignored (a COMPLETE after an INCOMPLETE or an error, a status after
    /// the stream's end, a status of a stream not in the catalog).
    /// </summary>
    public bool OnStatus(StreamKey stream, StreamStatus? status, out string? note)
    {
        SawStatuses = true;
        note = null;
        if (!_streams.TryGetValue(stream, out var progress))
        {
            note = $"Ignored a STREAM_STATUS of stream '{stream}', which is not in the catalog.";
            return false;
        }
        switch (status)
        {
            case StreamStatus.Started or StreamStatus.Running:
                if (progress.State == State.Pending)
                {
                    progress.State = State.Started;
                }
                return false;
            case StreamStatus.Complete when progress.State is State.Pending or State.Started:
                progress.State = State.Complete;
                return true;
            case StreamStatus.Complete when progress.State == State.Incomplete:
                note = $"Ignored the COMPLETE status of stream '{stream}': the source had already reported it {progress.Describe()}; the stream is not finalized.";
                return false;
            case StreamStatus.Incomplete when progress.State == State.Complete:
                note = $"Ignored an INCOMPLETE status of stream '{stream}' after its COMPLETE status: the stream was finalized already.";
                return false;
            case StreamStatus.Incomplete:
                progress.State = State.Incomplete;
                progress.Reason ??= StreamIncompleteReason.SourceReportedIncomplete;
                return false;
            case null:
                note = $"Ignored a STREAM_STATUS of stream '{stream}' without a status the protocol defines.";
                return false;
            default:
                return false;
        }
    }

    /// <summary>
    /// Takes a TRACE ERROR of the source: about one stream (which then does not complete), or about the whole sync
    /// (no stream, or one not in the catalog).
    /// </summary>
    public void OnSourceError(StreamKey? stream, string? message)
    {
        SawSourceError = true;
        message = Shorten(message);
        if (stream is { } key && _streams.TryGetValue(key, out var progress))
        {
            progress.Error ??= message ?? "";
            if (progress.State != State.Complete)
            {
                progress.State = State.Incomplete;
                progress.Reason ??= StreamIncompleteReason.SourceFailed;
            }
            return;
        }
        _syncError ??= message ?? "";
    }

    /// <summary>
    /// At a clean end of the input: the streams to finalize now (none, unless <paramref name="completeWithoutStatus"/>
    /// and the input had no status and no error at all), and every other stream that did not complete, with the reason.
    /// </summary>
    public (IReadOnlyList<StreamKey> Finalize, IReadOnlyList<UnfinishedStream> Unfinished) AtEndOfInput(bool completeWithoutStatus)
    {
        var open = _order.Where(s => _streams[s].State != State.Complete).ToList();
        if (completeWithoutStatus && !SawStatuses && !SawSourceError)
        {
            return (open, []);
        }
        return ([], open.Select(s => Unfinished(s, _streams[s].Reason ?? (_syncError is not null ? StreamIncompleteReason.SourceFailed : StreamIncompleteReason.InputEndedEarly))).ToList());
    }

    /// <summary>After the write ended on a failure or a stop: every stream that did not complete, with the reason.</summary>
    public IReadOnlyList<UnfinishedStream> AfterFailure(StreamIncompleteReason failure) =>
        _order.Where(s => _streams[s].State != State.Complete).Select(s => Unfinished(s, _streams[s].Reason ?? failure)).ToList();

    private UnfinishedStream Unfinished(StreamKey stream, StreamIncompleteReason reason)
    {
        var progress = _streams[stream];
        var why = reason switch
        {
            StreamIncompleteReason.SourceReportedIncomplete => "the source reported it INCOMPLETE" + (progress.Error is { } error ? $" (its error: {Quote(error)})" : ""),
            StreamIncompleteReason.SourceFailed when progress.Error is { } error => $"the source reported an error for it: {Quote(error)}",
            StreamIncompleteReason.SourceFailed => $"the source reported an error: {Quote(_syncError ?? "")}",
            StreamIncompleteReason.InputEndedEarly when !SawStatuses => "the input ended without its COMPLETE status (the source sent no stream statuses at all)",
            StreamIncompleteReason.InputEndedEarly when progress.State == State.Started => "the input ended after its STARTED status, before its COMPLETE status",
            StreamIncompleteReason.InputEndedEarly => "the input ended without any status of it",
            StreamIncompleteReason.InvalidInput => "the write stopped at a line of the input it could not accept",
            StreamIncompleteReason.DestinationFailed => "the destination failed",
            _ => "the process was asked to stop",
        };
        return new UnfinishedStream(stream, reason, why);
    }

    private static string Quote(string message) => message.Length == 0 ? "(no message)" : "'" + message + "'";

    private static string? Shorten(string? message) =>
        message is { Length: > MaxMessageLength } ? message[..MaxMessageLength] + "…" : message;

    private enum State
    {
        Pending,
        Started,
        Complete,
        Incomplete,
    }

    private sealed class Progress
    {
        public State State { get; set; }

        public StreamIncompleteReason? Reason { get; set; }

        public string? Error { get; set; }

        public string Describe() => Reason == StreamIncompleteReason.SourceFailed ? "failed (a TRACE ERROR)" : "INCOMPLETE";
    }
}

/// <summary>A stream that did not complete, why (for the destination's hook) and why in words (for the log).</summary>
internal readonly record struct UnfinishedStream(StreamKey Stream, StreamIncompleteReason Reason, string Why);
