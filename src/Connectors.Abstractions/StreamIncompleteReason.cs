namespace Connectors;

/// <summary>Why a stream did not complete, as the <see cref="StreamIncompleteAttribute">[StreamIncomplete]</see> method learns it.</summary>
public enum StreamIncompleteReason
{
    /// <summary>The source sent <c>STREAM_STATUS</c> <c>INCOMPLETE</c> for the stream.</summary>
    SourceReportedIncomplete,

    /// <summary>The source sent a TRACE ERROR, for this stream or for the whole sync, and no <c>COMPLETE</c> for the stream.</summary>
    SourceFailed,

    /// <summary>The input ended before the stream's <c>COMPLETE</c> status (the source stopped early, or sends no statuses).</summary>
    InputEndedEarly,

    /// <summary>A line of the input could not be accepted, which ended the write.</summary>
    InvalidInput,

    /// <summary>The destination's own code (a write, commit or hook) failed, which ended the write.</summary>
    DestinationFailed,

    /// <summary>The process was asked to stop (SIGTERM, SIGINT).</summary>
    Stopped,
}
