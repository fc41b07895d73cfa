using System;
using System.Collections.Generic;
using System.Linq;

namespace Connectors.Runtime.Airbyte;

/// <summary>An input line the <c>write</c> command cannot accept: not JSON, a record of an unknown stream, data that is not an object.</summary>
internal sealed class InputLineException : Exception
{
    public InputLineException(long lineNumber, string problem, StreamKey? stream = null)
        : base($"Line {lineNumber} of the input: {problem}")
    {
        Stream = stream;
    }

    /// <summary>The stream the line is about, when known.</summary>
    public StreamKey? Stream { get; }
}

/// <summary>The destination's own code (a write, commit or stream hook) threw.</summary>
internal sealed class DestinationCodeException : Exception
{
    public DestinationCodeException(string doing, StreamKey? stream, Exception inner)
        : base($"The destination failed {doing}: {inner.Message}", inner)
    {
        Stream = stream;
    }

    /// <summary>The stream being handled, if any.</summary>
    public StreamKey? Stream { get; }
}

/// <summary>
/// The input ended cleanly but not every stream completed. Like Airbyte's destinations, the write then fails: a stream
/// without a terminal status is a <c>transient_error</c> (the source or platform most likely failed; a retry may
/// succeed), streams the source reported incomplete a <c>system_error</c>.
/// </summary>
internal sealed class IncompleteStreamsException : Exception
{
    public IncompleteStreamsException(IReadOnlyList<UnfinishedStream> streams, bool sawStatuses)
        : base(MessageFor(streams, sawStatuses))
    {
        FailureType = streams.Any(s => s.Reason == StreamIncompleteReason.InputEndedEarly) ? FailureType.TransientError : FailureType.SystemError;
    }

    /// <summary>The TRACE ERROR's failure type.</summary>
    public FailureType FailureType { get; }

    private static string MessageFor(IReadOnlyList<UnfinishedStream> streams, bool sawStatuses)
    {
        var withoutStatus = streams.Where(s => s.Reason == StreamIncompleteReason.InputEndedEarly).Select(s => s.Stream.ToString()).ToList();
        var incomplete = streams.Where(s => s.Reason != StreamIncompleteReason.InputEndedEarly).Select(s => $"{s.Stream} ({s.Why})").ToList();
        var parts = new List<string>();
        if (withoutStatus.Count > 0)
        {
            parts.Add($"The input ended before these streams got a terminal status (COMPLETE or INCOMPLETE): {string.Join(", ", withoutStatus)}; "
                + (sawStatuses
                    ? "the source most likely failed or was stopped."
                    : $"the source sent no stream statuses at all (for a source that never does, run write with --{WriteOptions.StreamsWithoutStatusOption} complete)."));
        }
        if (incomplete.Count > 0)
        {
            parts.Add($"These streams did not complete: {string.Join("; ", incomplete)}.");
        }
        parts.Add("They were not finalized: their previous data stays in place, and a retry resumes from the last states echoed.");
        return string.Join(" ", parts);
    }
}
