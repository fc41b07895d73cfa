namespace Connectors.Client.Progress;

/// <summary>Where a read or sync is.</summary>
public enum SyncPhase
{
    /// <summary>Starting the connector(s): spec, discover, opening the cache.</summary>
    Starting,
    /// <summary>Records are arriving from the source (and go into the cache's staging tables, or to the destination).</summary>
    Reading,
    /// <summary>The source is done; the rows still buffered are being written (to the cache, or by the destination).</summary>
    Writing,
    /// <summary>Swapping the new data into the final tables and storing the state, in one transaction.</summary>
    Finalizing,
    /// <summary>Done.</summary>
    Completed,
    /// <summary>Failed: nothing was changed (a cache), or the destination kept what it acknowledged.</summary>
    Failed,
}
