namespace Connectors.Runtime.Conduit.Source;

/// <summary>
/// The record loop's sink for Conduit: drops the records a resume must not deliver again, hands the rest to the run
/// (which gives each its position and puts it on the stream), and moves the positions on at each checkpoint.
/// </summary>
internal struct ConduitRecordSink<TRecord> : IRecordSink<TRecord>
{
    private readonly SourceRun _run;
    private readonly RecordEncoder<TRecord> _encoder;
    private long _skip;

    public ConduitRecordSink(SourceRun run, RecordEncoder<TRecord> encoder, long skip)
    {
        _run = run;
        _encoder = encoder;
        _skip = skip;
    }

    public void Record(TRecord record)
    {
        if (_skip > 0)
        {
            _skip--;
            _run.Positions.Skip();
            return;
        }
        _run.Put(_encoder, record);
    }

    public readonly void Checkpoint(StreamCheckpoint checkpoint) =>
        _run.Positions.Checkpoint(checkpoint.State, checkpoint.HasCursor, checkpoint.IsFinal);
}
