using System;
using System.Collections.Generic;

namespace Connectors.Runtime;

/// <summary>
/// A stream found at run time by a <c>[DiscoverStreams]</c> method: what the catalog says about it.
/// </summary>
public sealed class StreamDescription
{
    /// <summary>The stream's name, for example a table's name.</summary>
    public required string Name { get; init; }

    /// <summary>The stream's namespace (a database schema, say), if any.</summary>
    public string? Namespace { get; init; }

    /// <summary>The draft-07 JSON Schema of the stream's records, as JSON text (an object schema with <c>properties</c>).</summary>
    public required string JsonSchema { get; init; }

    /// <summary>The primary key the source knows: a list of field paths (<c>[["id"]]</c>); empty when there is none.</summary>
    public IReadOnlyList<IReadOnlyList<string>> PrimaryKey { get; init; } = Array.Empty<IReadOnlyList<string>>();

    /// <summary>
    /// The top-level fields the user may choose as the cursor of an incremental read (ordered columns, say). Empty when
    /// the stream has no cursor of a user's choosing.
    /// </summary>
    public IReadOnlyList<string> CursorCandidates { get; init; } = Array.Empty<string>();

    /// <summary>
    /// The cursor the source itself uses, if it decides it (then users cannot choose another); also the default when the
    /// user chooses none.
    /// </summary>
    public string? DefaultCursor { get; init; }

    /// <summary>True when the source decides the cursor (<see cref="DefaultCursor"/>) and users cannot choose another.</summary>
    public bool SourceDefinedCursor { get; init; }

    /// <summary>
    /// The sync modes the stream supports; null: full refresh, and incremental when it has cursor candidates or a
    /// default cursor. A stream that resumes from a state of its own (a page token, a log position) lists
    /// <see cref="SyncMode.Incremental"/> itself.
    /// </summary>
    public IReadOnlyList<SyncMode>? SyncModes { get; init; }

    /// <summary>Whether an incremental read is supported, as <see cref="SyncModes"/> says or implies.</summary>
    public bool SupportsIncremental => SyncModes is { } modes
        ? Contains(modes, SyncMode.Incremental)
        : CursorCandidates.Count > 0 || DefaultCursor is not null;

    private static bool Contains(IReadOnlyList<SyncMode> modes, SyncMode mode)
    {
        foreach (var m in modes)
        {
            if (m == mode)
            {
                return true;
            }
        }
        return false;
    }
}
