namespace Connectors.Runtime.Conduit.Source;

/// <summary>
/// The record loop's sink for Conduit: drops the records a resume must not deliver again, hands the rest to the run
/// (which gives each its position and puts it on the stream), and moves the positions on at each checkpoint.
/// </summary>
internal struct ConduitRecordSink<TRecord> : IRecordSink<TRecord>
{
    private readonly SourceRun _run;
    private readonly RecordBuilder<TRecord> _builder;
    private long _skip;

    public ConduitRecordSink(SourceRun run, RecordBuilder<TRecord> builder, long skip)
    {
        _run = run;
        _builder = builder;
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
        _run.Put(_builder, record);
    }

    public readonly void Checkpoint(StreamCheckpoint checkpoint) =>
        _run.Positions.Checkpoint(checkpoint.State, checkpoint.HasCursor, checkpoint.IsFinal);
}
