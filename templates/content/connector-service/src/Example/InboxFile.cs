namespace Example;

/// <summary>A record of the <c>files</c> stream: one file of the inbox folder. Its public properties are the stream's schema.</summary>
/// <param name="Name">The file's name (unique within the folder).</param>
/// <param name="Bytes">Its size.</param>
/// <param name="ModifiedAt">When it was last written.</param>
public sealed record InboxFile(string Name, long Bytes, DateTimeOffset ModifiedAt);

/// <summary>What the Status command answers.</summary>
/// <param name="FilesIngested">How many files have a SUCCESS record.</param>
/// <param name="LastFile">The name of the last file ingested (connector data), if any.</param>
/// <param name="Polling">True while the poll runs (the operating status is RUNNING).</param>
public sealed record IngestStatus(int FilesIngested, string? LastFile, bool Polling);
