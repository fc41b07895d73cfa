using System;

namespace Connectors;

/// <summary>One record a destination receives: its <c>data</c> object as UTF-8 JSON, and when the source read it.</summary>
public readonly struct DestinationRecord
{
    /// <summary>Creates a record.</summary>
    public DestinationRecord(ReadOnlyMemory<byte> data, long emittedAt)
    {
        Data = data;
        EmittedAt = emittedAt;
        Fields = null;
    }

    /// <summary>A record whose data's top-level properties the line parser already listed.</summary>
    internal DestinationRecord(ReadOnlyMemory<byte> data, long emittedAt, ReadOnlyMemory<DataField> fields)
    {
        Data = data;
        EmittedAt = emittedAt;
        Fields = fields;
    }

    /// <summary>The record's <c>data</c> object, exactly as the source wrote it (UTF-8 JSON).</summary>
    public ReadOnlyMemory<byte> Data { get; }

    /// <summary>The record's <c>emitted_at</c>: milliseconds since the Unix epoch.</summary>
    public long EmittedAt { get; }

    /// <summary>Where the data's top-level properties are, when the runtime's line parser listed them; null otherwise.</summary>
    internal ReadOnlyMemory<DataField>? Fields { get; }

    /// <summary><see cref="EmittedAt"/> as a time (the <c>_airbyte_extracted_at</c> of Airbyte destinations).</summary>
    public DateTimeOffset ExtractedAt => DateTimeOffset.FromUnixTimeMilliseconds(EmittedAt);
}
