using System.Text.Json;

namespace Connectors.Runtime.Airbyte;

/// <summary>Pre-encoded property names and values of the Airbyte protocol (airbyte_protocol.yaml).</summary>
internal static class AirbyteNames
{
    public static readonly JsonEncodedText Type = JsonEncodedText.Encode("type");
    public static readonly JsonEncodedText Record = JsonEncodedText.Encode("record");
    public static readonly JsonEncodedText State = JsonEncodedText.Encode("state");
    public static readonly JsonEncodedText Log = JsonEncodedText.Encode("log");
    public static readonly JsonEncodedText Trace = JsonEncodedText.Encode("trace");
    public static readonly JsonEncodedText Spec = JsonEncodedText.Encode("spec");
    public static readonly JsonEncodedText Catalog = JsonEncodedText.Encode("catalog");
    public static readonly JsonEncodedText ConnectionStatus = JsonEncodedText.Encode("connectionStatus");
    public static readonly JsonEncodedText Control = JsonEncodedText.Encode("control");

    public static readonly JsonEncodedText TypeRecord = JsonEncodedText.Encode("RECORD");
    public static readonly JsonEncodedText TypeState = JsonEncodedText.Encode("STATE");
    public static readonly JsonEncodedText TypeLog = JsonEncodedText.Encode("LOG");
    public static readonly JsonEncodedText TypeTrace = JsonEncodedText.Encode("TRACE");
    public static readonly JsonEncodedText TypeSpec = JsonEncodedText.Encode("SPEC");
    public static readonly JsonEncodedText TypeCatalog = JsonEncodedText.Encode("CATALOG");
    public static readonly JsonEncodedText TypeConnectionStatus = JsonEncodedText.Encode("CONNECTION_STATUS");
    public static readonly JsonEncodedText TypeControl = JsonEncodedText.Encode("CONTROL");

    public static readonly JsonEncodedText Stream = JsonEncodedText.Encode("stream");
    public static readonly JsonEncodedText Namespace = JsonEncodedText.Encode("namespace");
    public static readonly JsonEncodedText Data = JsonEncodedText.Encode("data");
    public static readonly JsonEncodedText EmittedAt = JsonEncodedText.Encode("emitted_at");
    public static readonly JsonEncodedText Name = JsonEncodedText.Encode("name");
    public static readonly JsonEncodedText StreamDescriptor = JsonEncodedText.Encode("stream_descriptor");
    public static readonly JsonEncodedText StreamState = JsonEncodedText.Encode("stream_state");
    public static readonly JsonEncodedText StateTypeStream = JsonEncodedText.Encode("STREAM");
    public static readonly JsonEncodedText SourceStats = JsonEncodedText.Encode("sourceStats");
    public static readonly JsonEncodedText DestinationStats = JsonEncodedText.Encode("destinationStats");
    public static readonly JsonEncodedText RecordCount = JsonEncodedText.Encode("recordCount");
    public static readonly JsonEncodedText Level = JsonEncodedText.Encode("level");
    public static readonly JsonEncodedText Message = JsonEncodedText.Encode("message");
    public static readonly JsonEncodedText StackTrace = JsonEncodedText.Encode("stack_trace");
    public static readonly JsonEncodedText Error = JsonEncodedText.Encode("error");
    public static readonly JsonEncodedText TraceError = JsonEncodedText.Encode("ERROR");
    public static readonly JsonEncodedText TraceStreamStatus = JsonEncodedText.Encode("STREAM_STATUS");
    public static readonly JsonEncodedText InternalMessage = JsonEncodedText.Encode("internal_message");
    public static readonly JsonEncodedText FailureType = JsonEncodedText.Encode("failure_type");
    public static readonly JsonEncodedText StreamStatus = JsonEncodedText.Encode("stream_status");
    public static readonly JsonEncodedText Status = JsonEncodedText.Encode("status");
    public static readonly JsonEncodedText DocumentationUrl = JsonEncodedText.Encode("documentationUrl");
    public static readonly JsonEncodedText ConnectionSpecification = JsonEncodedText.Encode("connectionSpecification");
    public static readonly JsonEncodedText Streams = JsonEncodedText.Encode("streams");
    public static readonly JsonEncodedText JsonSchema = JsonEncodedText.Encode("json_schema");
    public static readonly JsonEncodedText SupportedSyncModes = JsonEncodedText.Encode("supported_sync_modes");
    public static readonly JsonEncodedText SourceDefinedCursor = JsonEncodedText.Encode("source_defined_cursor");
    public static readonly JsonEncodedText DefaultCursorField = JsonEncodedText.Encode("default_cursor_field");
    public static readonly JsonEncodedText SourceDefinedPrimaryKey = JsonEncodedText.Encode("source_defined_primary_key");
    public static readonly JsonEncodedText IsResumable = JsonEncodedText.Encode("is_resumable");
    public static readonly JsonEncodedText FullRefresh = JsonEncodedText.Encode("full_refresh");
    public static readonly JsonEncodedText Incremental = JsonEncodedText.Encode("incremental");
}
