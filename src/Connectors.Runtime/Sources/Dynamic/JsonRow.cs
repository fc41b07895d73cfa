using System;
using System.Text.Json;

namespace Connectors.Runtime;

/// <summary>
/// One record of a stream discovered at run time (<c>[DiscoverStreams]</c>): a JSON object as UTF-8 bytes. The bytes
/// belong to the row writer and are valid only during the <see cref="IRecordSink{TRecord}.Record"/> call that receives
/// the row; copy them to keep them.
/// </summary>
public readonly struct JsonRow
{
    internal JsonRow(ReadOnlyMemory<byte> utf8) => Utf8 = utf8;

    /// <summary>The row, a JSON object, as UTF-8 bytes.</summary>
    public ReadOnlyMemory<byte> Utf8 { get; }

    /// <summary>Writes the row as the <c>data</c> object of a record: the bytes as they are (they were validated when written).</summary>
    public static readonly RecordWriter<JsonRow> Write = static (writer, row) => writer.WriteRawValue(row.Utf8.Span, skipInputValidation: true);
}
