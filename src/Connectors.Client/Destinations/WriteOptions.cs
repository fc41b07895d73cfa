using Connectors.Client.Caching;

namespace Connectors.Client.Destinations;

/// <summary>How a write to a destination runs.</summary>
public sealed class WriteOptions
{
    /// <summary>Read every stream from the start and have the destination overwrite its tables.</summary>
    public bool FullRefresh { get; init; }

    /// <summary>
    /// Where the destination's acknowledged states are kept (the sync's progress, per source and destination), so the next
    /// write resumes from them; the default cache of the connectors home when null.
    /// </summary>
    public Cache? StateStore { get; init; }
}
