using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;

namespace Connectors.Runtime.Airbyte;

/// <summary>Writes emitted records as Airbyte RECORD messages with the streams' generated serializers, flushed at once.</summary>
internal sealed class AirbyteRecordOutput<TConnector> : RecordOutput where TConnector : class
{
    private readonly IReadOnlyList<SourceStream<TConnector>> _streams;
    private readonly AirbyteWriter _writer;
    private readonly ConcurrentDictionary<string, RecordEnvelope> _envelopes = new();

    public AirbyteRecordOutput(IReadOnlyList<SourceStream<TConnector>> streams, AirbyteWriter writer)
    {
        _streams = streams;
        _writer = writer;
    }

    public override void Emit<TRecord>(string stream, TRecord record)
    {
        var found = _streams.FirstOrDefault(s => s.Name == stream)
            ?? throw new ArgumentException(
                $"The connector has no stream '{stream}'; its streams are: {string.Join(", ", _streams.Select(s => s.Name))}.", nameof(stream));
        if (found is not SourceStream<TConnector, TRecord> typed)
        {
            throw new ArgumentException($"The records of stream '{stream}' are not of type {typeof(TRecord).Name}.", nameof(record));
        }
        var envelope = _envelopes.GetOrAdd(stream, _ => new RecordEnvelope(new StreamKey(found.Name, found.Namespace)));
        _writer.WriteRecord(envelope, record, typed.WriteRecord, AirbyteWriter.Now());
        _writer.Lines.Flush();
    }
}
