using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;

namespace Connectors.Runtime.Tests.Seam;

/// <summary>
/// A protocol host that knows nothing of Airbyte, as a Conduit host would be: it reads a connector's streams through
/// <see cref="ISourceStreamVisitor{TConnector,TResult}"/> with a sink of its own, and notes what it receives as tokens:
/// <c>R&lt;seq&gt;</c> for a record (its <c>seq</c> as the stream's own writer wrote it), <c>C{state}/records</c> for a
/// checkpoint (<c>C-</c> for a stream without cursor, <c>!</c> after the final one).
/// </summary>
internal sealed class FakeHost<TConnector>(TConnector connector, StreamReadOptions options) : ISourceStreamVisitor<TConnector, Task<StreamReadResult>>
    where TConnector : class
{
    public List<string> Events { get; } = new();

    /// <summary>Every record as JSON, written by the stream's record writer.</summary>
    public List<string> Records { get; } = new();

    /// <summary>The state of every checkpoint, in order.</summary>
    public List<string> States { get; } = new();

    /// <summary>The record type each visited stream was handed over with.</summary>
    public List<Type> RecordTypes { get; } = new();

    /// <summary>Records the sink saw before each checkpoint, counted inside the sink struct (proves it is mutated in place).</summary>
    public List<long> SinkCounts { get; } = new();

    /// <summary>Thrown by the sink at the record with this id (an output that broke, say).</summary>
    public Func<Exception>? FailAtRecord { get; init; }

    public int FailAtIndex { get; init; } = -1;

    public Task<StreamReadResult> ReadAsync(SourceStream<TConnector> stream) => stream.Accept(this);

    public Task<StreamReadResult> Visit<TRecord>(SourceStream<TConnector, TRecord> stream)
    {
        RecordTypes.Add(typeof(TRecord));
        return stream.ReadAsync(connector, options, new Sink<TRecord>(this, stream.WriteRecord));
    }

    private struct Sink<TRecord>(FakeHost<TConnector> host, RecordWriter<TRecord> write) : IRecordSink<TRecord>
    {
        private long _seen;

        public void Record(TRecord record)
        {
            if (_seen == host.FailAtIndex && host.FailAtRecord is { } fail)
            {
                throw fail();
            }
            _seen++;
            var buffer = new ArrayBufferWriter<byte>();
            using (var json = new Utf8JsonWriter(buffer))
            {
                write(json, record);
            }
            var text = Encoding.UTF8.GetString(buffer.WrittenSpan);
            host.Records.Add(text);
            using var document = JsonDocument.Parse(text);
            host.Events.Add("R" + document.RootElement.GetProperty("seq").GetInt64());
        }

        public readonly void Checkpoint(StreamCheckpoint checkpoint)
        {
            var state = checkpoint.HasCursor ? Encoding.UTF8.GetString(checkpoint.State) : "-";
            host.Events.Add($"C{state}/{checkpoint.Records}{(checkpoint.IsFinal ? "!" : "")}");
            host.States.Add(state);
            host.SinkCounts.Add(_seen);
        }
    }
}
