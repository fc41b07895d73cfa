using System;
using System.Text.Json;

namespace Connectors.Runtime;

/// <summary>A stream's cursor: the record field whose value only grows, and how to compare and save it.</summary>
/// <typeparam name="TRecord">The record type.</typeparam>
public abstract class StreamCursor<TRecord>
{
    private protected StreamCursor(string field) => Field = field;

    /// <summary>The cursor's JSON field name in records and in the stream state.</summary>
    public string Field { get; }

    internal abstract CursorTracker<TRecord> CreateTracker(object? since);

    internal bool TryReadState(JsonElement streamState, out object? cursor, out string? problem)
    {
        cursor = null;
        problem = null;
        if (streamState.ValueKind != JsonValueKind.Object)
        {
            problem = "expected an object";
            return false;
        }
        if (!streamState.TryGetProperty(Field, out var value))
        {
            // {} is what a read saves before any cursor value: no position yet. Any other object without the cursor is a
            // state of another shape (another connector's, or an older version's): reading everything again without a
            // word would hide that, so it is refused.
            if (HasProperties(streamState, out var found))
            {
                problem = $"missing: the state has no \"{Field}\" (it has {found}); this stream saves {{\"{Field}\": …}}";
                return false;
            }
            return true;
        }
        if (value.ValueKind == JsonValueKind.Null)
        {
            return true;
        }
        return TryReadValue(value, out cursor, out problem);
    }

    private static bool HasProperties(JsonElement state, out string found)
    {
        var names = new System.Collections.Generic.List<string>();
        foreach (var property in state.EnumerateObject())
        {
            names.Add("\"" + property.Name + "\"");
        }
        found = string.Join(", ", names);
        return names.Count > 0;
    }

    private protected abstract bool TryReadValue(JsonElement value, out object? cursor, out string? problem);
}

/// <summary>A cursor of type <typeparamref name="TCursor"/>.</summary>
/// <typeparam name="TRecord">The record type.</typeparam>
/// <typeparam name="TCursor">The cursor member's type.</typeparam>
public sealed class StreamCursor<TRecord, TCursor> : StreamCursor<TRecord>
{
    /// <summary>Creates the cursor.</summary>
    /// <param name="field">The cursor's JSON field name.</param>
    /// <param name="read">Reads the cursor value from a record.</param>
    /// <param name="codec">Compares, writes and parses cursor values.</param>
    public StreamCursor(string field, Func<TRecord, TCursor> read, CursorCodec<TCursor> codec) : base(field)
    {
        Read = read;
        Codec = codec;
    }

    internal Func<TRecord, TCursor> Read { get; }

    internal CursorCodec<TCursor> Codec { get; }

    internal override CursorTracker<TRecord> CreateTracker(object? since) =>
        new CursorTracker<TRecord, TCursor>(this, since is TCursor value ? value : default!, since is not null);

    private protected override bool TryReadValue(JsonElement value, out object? cursor, out string? problem)
    {
        if (Codec.TryRead(value, out var parsed))
        {
            cursor = parsed;
            problem = null;
            return true;
        }
        cursor = null;
        problem = $"expected {Codec.Description}";
        return false;
    }
}
