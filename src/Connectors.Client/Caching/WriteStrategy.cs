namespace Connectors.Client.Caching;

/// <summary>How a read's records go into a stream's table.</summary>
public enum WriteStrategy
{
    /// <summary>
    /// As PyAirbyte picks: replace for a full-refresh read, merge for an incremental stream with a primary key, append for an
    /// incremental stream without one.
    /// </summary>
    Auto,
    /// <summary>Add the new rows to the table.</summary>
    Append,
    /// <summary>The table becomes exactly the new rows.</summary>
    Replace,
    /// <summary>Rows whose primary key is in the new rows are replaced by them (the last one read, if a key repeats); others stay.</summary>
    Merge,
}
