namespace Connectors.Client.Protocol;

/// <summary>The <c>type</c> of an Airbyte message.</summary>
public enum MessageType
{
    /// <summary>A line that is not an Airbyte message (the platform treats such lines as logs).</summary>
    Unknown,
    /// <summary>RECORD: one record of a stream.</summary>
    Record,
    /// <summary>STATE: a checkpoint covering the records before it.</summary>
    State,
    /// <summary>LOG: a log line.</summary>
    Log,
    /// <summary>SPEC: the connector's specification.</summary>
    Spec,
    /// <summary>CONNECTION_STATUS: the result of <c>check</c>.</summary>
    ConnectionStatus,
    /// <summary>CATALOG: the streams <c>discover</c> found.</summary>
    Catalog,
    /// <summary>TRACE: an error, an estimate, a stream status or analytics.</summary>
    Trace,
    /// <summary>CONTROL: the connector asks for its config to be updated.</summary>
    Control,
    /// <summary>DESTINATION_CATALOG: a destination's discover.</summary>
    DestinationCatalog,
}
