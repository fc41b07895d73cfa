namespace Connectors;

/// <summary>How a source stream is read.</summary>
public enum SyncMode
{
    /// <summary>Every record, ignoring any saved state.</summary>
    FullRefresh = 0,

    /// <summary>Only records newer than the saved cursor.</summary>
    Incremental = 1,
}
