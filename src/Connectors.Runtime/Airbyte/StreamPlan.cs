namespace Connectors.Runtime.Airbyte;

/// <summary>What to read of one configured stream: its key, the sync mode, and the saved cursor to resume from.</summary>
/// <param name="Key">The stream's name and namespace.</param>
/// <param name="Mode">Full refresh or incremental.</param>
/// <param name="Since">The saved cursor value (boxed), or null.</param>
internal sealed record StreamPlan(StreamKey Key, SyncMode Mode, object? Since);
