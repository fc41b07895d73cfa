using System;
using System.Collections.Generic;
using System.IO;

namespace Connectors.Runtime.Platform;

/// <summary>
/// A file to hand off (TetraScience's <c>upload_file</c>): its name at the destination, its content, and what travels
/// with it.
/// </summary>
public sealed record FileUpload
{
    /// <summary>A file from a path on this machine.</summary>
    /// <param name="targetName">Its relative path at the destination (<c>instrument-1/result.json</c>); no <c>..</c>.</param>
    /// <param name="sourcePath">The file to send.</param>
    public static FileUpload FromPath(string targetName, string sourcePath) => new(targetName, sourcePath, null);

    /// <summary>A file from bytes in memory.</summary>
    public static FileUpload FromBytes(string targetName, byte[] content) => new(targetName, null, content);

    private FileUpload(string targetName, string? sourcePath, byte[]? content)
    {
        TargetName = targetName;
        SourcePath = sourcePath;
        Content = content;
    }

    /// <summary>Its relative path at the destination.</summary>
    public string TargetName { get; }

    /// <summary>The file to send, when it comes from disk.</summary>
    public string? SourcePath { get; }

    /// <summary>The bytes to send, when they come from memory.</summary>
    public byte[]? Content { get; }

    /// <summary>Which destination receives it (TetraScience's <c>destination_id</c>); null for the default.</summary>
    public string? DestinationId { get; init; }

    /// <summary>Its media type; <c>application/octet-stream</c> when not given.</summary>
    public string? ContentType { get; init; }

    /// <summary>Metadata that travels with the file (the platform's file metadata; masked like every output).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();

    /// <summary>Opens the content.</summary>
    internal Stream Open() => Content is { } bytes ? new MemoryStream(bytes, writable: false) : File.OpenRead(SourcePath!);
}

/// <summary>A file that was handed off.</summary>
/// <param name="FileId">Its id at the destination.</param>
/// <param name="TargetName">Its relative path at the destination.</param>
/// <param name="Location">Where it is now (a path for the local hand-off, a URL or key for the platform).</param>
/// <param name="Bytes">Its size.</param>
/// <param name="Sha256">The SHA-256 of its content, lower-case hex.</param>
/// <param name="DestinationId">The destination, or null for the default.</param>
/// <param name="ContentType">Its media type.</param>
/// <param name="Metadata">The metadata that travelled with it.</param>
/// <param name="HandedOffAt">When.</param>
public sealed record HandedOffFile(string FileId, string TargetName, string Location, long Bytes, string Sha256, string? DestinationId,
    string ContentType, IReadOnlyDictionary<string, string> Metadata, DateTimeOffset HandedOffAt);

/// <summary>Where a file a connector tracks stands (TetraScience's connector file statuses).</summary>
public enum ConnectorFileStatus
{
    /// <summary>Seen, not handled yet.</summary>
    Pending,

    /// <summary>Being handled.</summary>
    Processing,

    /// <summary>Handed off.</summary>
    Success,

    /// <summary>Handling failed (see the error count and message).</summary>
    Error,

    /// <summary>Deliberately not handled.</summary>
    Skipped,
}

/// <summary>
/// A status record of one file the connector tracks (TetraScience's connector file): saved and read in batches, so a
/// connector remembers across restarts which files it handled.
/// </summary>
/// <param name="UniqueExternalId">The file's id in the source system (a path, an object key): what records are matched by.</param>
/// <param name="Filepath">Its path in the source system.</param>
/// <param name="Status">Where it stands.</param>
public sealed record ConnectorFile(string UniqueExternalId, string Filepath, ConnectorFileStatus Status)
{
    /// <summary>How often handling it failed.</summary>
    public int ErrorCount { get; init; }

    /// <summary>The last failure's message.</summary>
    public string? ErrorMessage { get; init; }

    /// <summary>The id of the handed-off file, once there is one.</summary>
    public string? FileId { get; init; }

    /// <summary>When the record was first saved (set by the store).</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>When the record was last saved (set by the store).</summary>
    public DateTimeOffset? UpdatedAt { get; init; }
}

/// <summary>Which file records to read: by ids, by status, or all; at most <see cref="Limit"/>.</summary>
public sealed record ConnectorFileQuery
{
    /// <summary>Only these unique external ids (read in batches).</summary>
    public IReadOnlyList<string>? Ids { get; init; }

    /// <summary>Only records in these statuses.</summary>
    public IReadOnlyList<ConnectorFileStatus>? Statuses { get; init; }

    /// <summary>At most this many records (oldest update first); null for all.</summary>
    public int? Limit { get; init; }
}
