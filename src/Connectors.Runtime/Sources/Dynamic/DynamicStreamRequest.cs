using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using Microsoft.Extensions.Logging;

namespace Connectors.Runtime;

/// <summary>
/// What the read method of a <c>[DiscoverStreams]</c> family receives: the configured stream (its description, the sync
/// mode, the cursor and primary key in use, the selected fields) and its saved state.
/// </summary>
public sealed class DynamicStreamRequest
{
    internal DynamicStreamRequest(StreamDescription stream, StreamReadOptions options)
    {
        Stream = stream;
        SyncMode = options.SyncMode;
        Cursor = options.CursorField ?? stream.DefaultCursor;
        PrimaryKey = options.PrimaryKey ?? stream.PrimaryKey;
        SelectedFields = options.SelectedFields;
        State = options.SyncMode == SyncMode.Incremental ? options.State : null;
        StateLocation = options.StateLocation;
        Logger = options.Logger;
        CancellationToken = options.CancellationToken;
    }

    /// <summary>The stream as the discovery method described it in this run.</summary>
    public StreamDescription Stream { get; }

    /// <summary>Full refresh, or incremental (resume from <see cref="State"/>).</summary>
    public SyncMode SyncMode { get; }

    /// <summary>
    /// The cursor field to read by: the user's choice (one of <see cref="StreamDescription.CursorCandidates"/>), else the
    /// stream's <see cref="StreamDescription.DefaultCursor"/>; null when neither.
    /// </summary>
    public string? Cursor { get; }

    /// <summary>The primary key in use: the user's, else the stream's own.</summary>
    public IReadOnlyList<IReadOnlyList<string>> PrimaryKey { get; }

    /// <summary>The top-level fields the user selected (read only these), or null for all.</summary>
    public IReadOnlyList<string>? SelectedFields { get; }

    /// <summary>
    /// The state the stream saved last time (a JSON object, as the read's checkpoints wrote it), in an incremental read
    /// that has one; null otherwise. Read it with <see cref="ReadState{TState}"/> for a typed state.
    /// </summary>
    public JsonElement? State { get; }

    /// <summary>Where <see cref="State"/> came from, for messages: <c>the state file 'state.json' at $[0].stream.stream_state</c>.</summary>
    public string? StateLocation { get; }

    /// <summary>The logger; entries become protocol log messages.</summary>
    public ILogger Logger { get; }

    /// <summary>Cancelled when the read is asked to stop.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>True when the user selected <paramref name="field"/> (or selected nothing, which means every field).</summary>
    public bool IsSelected(string field)
    {
        if (SelectedFields is null)
        {
            return true;
        }
        foreach (var selected in SelectedFields)
        {
            if (selected == field)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// The saved state as <typeparamref name="TState"/> (a source-generated <see cref="JsonTypeInfo{T}"/> keeps it
    /// trim-safe), or default when there is none. A state that does not fit the type is a <see cref="ConfigException"/>
    /// naming where it is and what is wrong (mark required members <c>required</c>, and set
    /// <c>UnmappedMemberHandling = Disallow</c> on the context, so a state of another shape is caught too).
    /// </summary>
    /// <exception cref="ConfigException">The saved state does not match <typeparamref name="TState"/>.</exception>
    public TState? ReadState<TState>(JsonTypeInfo<TState> typeInfo)
    {
        if (State is not { } state)
        {
            return default;
        }
        try
        {
            return JsonSerializer.Deserialize(state, typeInfo);
        }
        catch (JsonException ex)
        {
            throw InvalidState(ex.Path is { Length: > 1 } path ? path.Substring(1) : "", StreamStateShape.PlainMessage(ex));
        }
    }

    /// <summary>
    /// A config error about the saved state: <c>The saved state of stream 'public.users' is invalid: the state file
    /// 'state.json' at $[0].stream.stream_state.page: expected a number</c>. <paramref name="path"/> is relative to the
    /// state object (<c>.page</c>, <c>.partitions[2]</c>, or empty for the object itself).
    /// </summary>
    public ConfigException InvalidState(string path, string problem)
    {
        var where = StateLocation is null ? "$" + path : StateLocation + path;
        var name = Stream.Namespace is null ? Stream.Name : Stream.Namespace + "." + Stream.Name;
        return new ConfigException($"The saved state of stream '{name}' is invalid: {where}: {problem}. " +
            "Reset the stream's state, or pass the state this stream saves.");
    }
}
