using System;

namespace Connectors;

/// <summary>How a destination stream is written (the configured stream's <c>destination_sync_mode</c>).</summary>
public enum DestinationSyncMode
{
    /// <summary>Add the records to what the destination already holds (<c>append</c>).</summary>
    Append = 0,

    /// <summary>Replace the stream's data with the records of this sync, once they are all written (<c>overwrite</c>).</summary>
    Overwrite = 1,

    /// <summary>Add the records, keeping one row per primary key: the one with the newest cursor (<c>append_dedup</c>).</summary>
    AppendDedup = 2,
}

/// <summary>
/// The destination sync modes a destination declares on its <see cref="WriteAttribute"/>; they become the spec's
/// <c>supported_destination_sync_modes</c>.
/// </summary>
[Flags]
public enum DestinationSyncModes
{
    /// <summary>No mode (not a valid declaration).</summary>
    None = 0,

    /// <summary><see cref="DestinationSyncMode.Append"/>.</summary>
    Append = 1,

    /// <summary><see cref="DestinationSyncMode.Overwrite"/>: needs a <see cref="StreamEndAttribute">[StreamEnd]</see> hook, where the new data replaces the old.</summary>
    Overwrite = 2,

    /// <summary><see cref="DestinationSyncMode.AppendDedup"/>: the write method upserts on the stream's primary key.</summary>
    AppendDedup = 4,
}
