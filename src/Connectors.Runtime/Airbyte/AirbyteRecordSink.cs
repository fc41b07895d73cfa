namespace Connectors.Runtime.Airbyte;

/// <summary>
/// Where the record loop puts one stream's records and checkpoints for <c>read</c>: the RUNNING status at the first
/// record, RECORD messages, and per-stream STATE messages with the records since the previous state.
/// </summary>
internal struct AirbyteRecordSink<TRecord> : IRecordSink<TRecord>
{
    private static readonly byte[] NoCursorState = "{\"__ab_no_cursor_state_message\":true}"u8.ToArray();

    private readonly AirbyteWriter _writer;
    private readonly RecordEnvelope _envelope;
    private readonly RecordWriter<TRecord> _writeData;
    private bool _running;

    public AirbyteRecordSink(AirbyteWriter writer, StreamKey stream, RecordWriter<TRecord> writeData)
    {
        _writer = writer;
        _envelope = new RecordEnvelope(stream);
        _writeData = writeData;
        _running = false;
    }

    public void Record(TRecord record)
    {
        if (!_running)
        {
            _running = true;
            _writer.WriteStreamStatus(_envelope.Stream, StreamStatus.Running);
        }
        _writer.WriteRecord(_envelope, record, _writeData, AirbyteWriter.Now());
    }

    // A stream without a cursor ends with Airbyte's marker state, so the platform knows the stream completed.
    public readonly void Checkpoint(StreamCheckpoint checkpoint) =>
        _writer.WriteStreamState(_envelope.Stream, checkpoint.HasCursor ? checkpoint.State : NoCursorState, checkpoint.Records);
}
