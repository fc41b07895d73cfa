using System.Text.Json.Nodes;
using Connectors.Client.Caching;

namespace Connectors.Client;

/// <summary>How a read runs.</summary>
public sealed class ReadOptions
{
    /// <summary>Read every stream from the start (full_refresh), ignoring saved state; into a cache, replace its tables.</summary>
    public bool FullRefresh { get; init; }

    /// <summary>
    /// The state to resume from: a JSON array of AirbyteStateMessage (as a source's <c>--state</c> file). For a read into a
    /// cache the cache's own state is used instead, unless this is set.
    /// </summary>
    public JsonArray? State { get; init; }

    /// <summary>How a read into a cache writes its tables (auto by default).</summary>
    public WriteStrategy WriteStrategy { get; init; } = WriteStrategy.Auto;
}
