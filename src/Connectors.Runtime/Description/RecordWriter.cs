using System.Text.Json;

namespace Connectors.Runtime;

/// <summary>Writes one record as a JSON object. Generated per record type; no reflection.</summary>
public delegate void RecordWriter<in TRecord>(Utf8JsonWriter writer, TRecord record);
