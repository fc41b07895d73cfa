using System.Text.Json.Serialization;

namespace Postgres.Source;

/// <summary>
/// The state of a table read incrementally: the cursor column and the cursor value of the last row written, in
/// PostgreSQL's text form (cast back to the column's type on resume, so every type compares exactly). A resume reads the
/// rows whose cursor is at least that value: rows that share the value with the last row written are read again, so
/// none is lost to a tie (at-least-once at the boundary).
/// </summary>
internal sealed class TableState
{
    [JsonPropertyName("cursor_field")]
    public required string CursorField { get; init; }

    [JsonPropertyName("cursor")]
    public required string Cursor { get; init; }
}

/// <summary>Trim-safe (de)serialization of <see cref="TableState"/>; a state of another shape is refused, not ignored.</summary>
[JsonSerializable(typeof(TableState))]
[JsonSourceGenerationOptions(UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
internal sealed partial class StateJson : JsonSerializerContext;
