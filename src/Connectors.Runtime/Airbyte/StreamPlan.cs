namespace Connectors.Runtime.Airbyte;

/// <summary>What to read of one configured stream: its key, the sync mode, and the saved cursor to resume from.</summary>
/// <param name="Key">The stream's name and namespace.</param>
/// <param name="Mode">Full refresh or incremental.</param>
/// <param name="Since">The saved cursor value (boxed), or null.</param>
internal sealed record StreamPlan(StreamKey Key, SyncMode Mode, object? Since)
{
    /// <summary>A discovered stream's saved state (a stream that keeps its own), or null.</summary>
    public System.Text.Json.JsonElement? State { get; init; }

    /// <summary>Where <see cref="State"/> came from, for messages.</summary>
    public string? StateLocation { get; init; }

    /// <summary>The cursor field the user chose, if any.</summary>
    public string? CursorField { get; init; }

    /// <summary>The primary key the user chose, if any.</summary>
    public System.Collections.Generic.IReadOnlyList<System.Collections.Generic.IReadOnlyList<string>>? PrimaryKey { get; init; }

    /// <summary>The fields the configured schema keeps, or null for all.</summary>
    public System.Collections.Generic.IReadOnlyList<string>? SelectedFields { get; init; }
}
