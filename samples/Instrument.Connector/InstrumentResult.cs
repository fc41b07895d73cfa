using System;

namespace Instrument;

/// <summary>One measurement, read from one result file.</summary>
/// <param name="File">The result file's name (unique within the folder).</param>
/// <param name="SampleId">The sample the instrument measured.</param>
/// <param name="Analyte">What was measured.</param>
/// <param name="Value">The measured value.</param>
/// <param name="Unit">The value's unit.</param>
/// <param name="MeasuredAt">When the instrument measured it.</param>
public sealed record InstrumentResult(string File, string SampleId, string Analyte, double Value, string Unit, DateTimeOffset MeasuredAt);

/// <summary>What an ingestion of past results did.</summary>
/// <param name="Files">How many result files were emitted as records.</param>
/// <param name="From">The start of the window (inclusive).</param>
/// <param name="To">The end of the window (exclusive).</param>
public sealed record IngestSummary(int Files, DateTimeOffset From, DateTimeOffset To);

/// <summary>The polling schedule after a change.</summary>
/// <param name="IntervalSeconds">Seconds between the end of one poll and the start of the next.</param>
/// <param name="Polling">True when the poll is running (the operating status is RUNNING).</param>
public sealed record Schedule(double IntervalSeconds, bool Polling);
