using System.Collections.Generic;
using System.Text.Json;
using Connectors.Runtime.Hosting;

namespace Connectors.Runtime.Airbyte;

/// <summary>
/// The configured-catalog side of a stream found at run time: the cursor the user chose must be one of the stream's
/// candidates, an incremental read needs a cursor when the stream has candidates, and the saved state goes to the read
/// method as it is, with where it came from for its messages.
/// </summary>
internal static class DynamicPlans
{
    public static string? Check<TConnector>(SourceStream<TConnector> stream, ConfiguredStream configured, SyncMode mode) where TConnector : class
    {
        var description = stream.Description!;
        var chosen = configured.CursorField is { Count: > 0 } field ? field : null;
        if (chosen is not null && !description.SourceDefinedCursor)
        {
            if (chosen.Count > 1 || !Names.Contains(description.CursorCandidates, chosen[0]))
            {
                var candidates = description.CursorCandidates.Count == 0 ? "none" : string.Join(", ", description.CursorCandidates);
                return configured.Problem("cursor_field", $"[{Hosting.Names.Join(chosen, c => "\"" + c + "\"")}] is not a cursor stream '{configured.Key}' can read by; its cursor candidates are: {candidates}");
            }
        }
        if (mode == SyncMode.Incremental && chosen is null && description.DefaultCursor is null && description.CursorCandidates.Count > 0
            && description.SyncModes is null)
        {
            return configured.Problem("cursor_field", $"stream '{configured.Key}' is read incrementally by a cursor the user chooses; set cursor_field to one of: {string.Join(", ", description.CursorCandidates)}");
        }
        return null;
    }

    public static StreamPlan Plan(StreamKey key, SyncMode mode, ConfiguredStream configured, SavedState state)
    {
        JsonElement? saved = null;
        string? location = null;
        if (mode == SyncMode.Incremental && TryFind(state, key, out var found) && found.Value is { } value)
        {
            saved = value;
            location = $"the state file '{state.File}' at {found.JsonPath}";
        }
        return new StreamPlan(key, mode, null)
        {
            State = saved,
            StateLocation = location,
            CursorField = configured.CursorField is [var cursor] ? cursor : null,
            PrimaryKey = configured.PrimaryKey is { Count: > 0 } pk ? pk : null,
            SelectedFields = SelectedFields(configured.JsonSchema),
        };
    }

    /// <summary>A stream's saved state; a legacy state object knows streams by name only, so a namespaced stream falls back to its bare name.</summary>
    public static bool TryFind(SavedState state, StreamKey key, out SavedStreamState saved) =>
        state.TryGet(key, out saved) || (key.Namespace is not null && state.TryGet(new StreamKey(key.Name, null), out saved));

    /// <summary>The fields the configured schema keeps (platforms prune the discovered schema to the user's selection).</summary>
    private static IReadOnlyList<string>? SelectedFields(JsonElement schema)
    {
        if (schema.ValueKind != JsonValueKind.Object || !schema.TryGetProperty("properties", out var properties)
            || properties.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        var names = new List<string>();
        foreach (var property in properties.EnumerateObject())
        {
            names.Add(property.Name);
        }
        return names;
    }

}
