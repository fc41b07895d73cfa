using System;

namespace Connectors.Runtime;

/// <summary>How the read of one stream ended.</summary>
public enum StreamReadOutcome
{
    /// <summary>The stream method returned every record; the final checkpoint was taken.</summary>
    Completed,

    /// <summary>
    /// The stream method (or the sink) threw; <see cref="StreamReadResult.Error"/> says what. The last safe checkpoint
    /// was taken first, unless the failure was records out of the cursor order the stream promised.
    /// </summary>
    Failed,

    /// <summary>The read's cancellation token was cancelled; the last safe checkpoint was taken first.</summary>
    Cancelled,
}

/// <summary>The end of one stream's read: how it ended, how many records the sink received, and the failure if any.</summary>
/// <param name="Outcome">How the read ended.</param>
/// <param name="Records">Records handed to the sink.</param>
/// <param name="Error">What made the read fail (<see cref="StreamReadOutcome.Failed"/> only).</param>
public readonly record struct StreamReadResult(StreamReadOutcome Outcome, long Records, Exception? Error = null);
