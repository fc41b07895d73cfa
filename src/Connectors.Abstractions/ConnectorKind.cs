namespace Connectors;

/// <summary>What a connector does.</summary>
public enum ConnectorKind
{
    /// <summary>Reads data from a system and emits records (Airbyte <c>read</c>).</summary>
    Source = 0,

    /// <summary>Receives records and writes them into a system (Airbyte <c>write</c>).</summary>
    Destination = 1,
}
