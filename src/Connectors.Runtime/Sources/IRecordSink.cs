namespace Connectors.Runtime;

/// <summary>
/// A protocol host's side of one stream's read: where the record loop hands each record and each checkpoint, in order.
/// Implement it as a struct and pass it to <see cref="SourceStream{TConnector,TRecord}.ReadAsync{TSink}"/>: the loop is
/// compiled for that struct, so the calls per record are direct (no interface dispatch, no boxing). The loop keeps its
/// own copy of the struct and mutates it in place; keep what the host needs after the read in reference fields.
/// </summary>
/// <typeparam name="TRecord">The stream's record type.</typeparam>
public interface IRecordSink<in TRecord>
{
    /// <summary>
    /// One record, in the order the stream method produced it (never null). An exception thrown here fails the stream,
    /// except <see cref="Protocol.OutputClosedException"/>, which ends the read and propagates to the host.
    /// </summary>
    void Record(TRecord record);

    /// <summary>
    /// A resume position: before the record that completed it (mid-stream), when the read stops or fails (the last safe
    /// position, if a newer one exists), and at the end of a completed read (<see cref="StreamCheckpoint.IsFinal"/>).
    /// Never two equal states in a row.
    /// </summary>
    void Checkpoint(StreamCheckpoint checkpoint);
}
