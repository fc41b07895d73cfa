namespace Connectors.Runtime.Airbyte;

/// <summary>How the read of one stream ended.</summary>
internal enum StreamOutcome
{
    Completed,
    Failed,
    Cancelled,
}
