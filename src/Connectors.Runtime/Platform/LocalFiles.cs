using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace Connectors.Runtime.Platform;

/// <summary>
/// The local file hand-off: each file is copied to <c>outbox/&lt;destination&gt;/&lt;target name&gt;</c> under the data
/// directory (through a temporary file and a rename, so a reader never sees half a file), with
/// <c>&lt;name&gt;.metadata.json</c> beside it, then reported. File status records live in the <see cref="LocalStore"/>.
/// </summary>
internal sealed class LocalFiles : IConnectorFiles
{
    private readonly string _outbox;
    private readonly LocalStore _store;
    private readonly Func<HandedOffFile, CancellationToken, ValueTask> _report;

    public LocalFiles(string outbox, LocalStore store, Func<HandedOffFile, CancellationToken, ValueTask> report)
    {
        _outbox = outbox;
        _store = store;
        _report = report;
    }

    public async Task<HandedOffFile> UploadFileAsync(FileUpload upload, CancellationToken cancellationToken = default)
    {
        var relative = CheckedTargetName(upload.TargetName);
        var destination = upload.DestinationId ?? "default";
        if (destination.Length == 0 || destination.IndexOfAny(['/', '\\']) >= 0 || destination is "." or "..")
        {
            throw new ArgumentException($"The destination id '{destination}' cannot name a folder.", nameof(upload));
        }
        var path = Path.Combine(_outbox, destination, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".part";
        HandedOffFile file;
        try
        {
            var (bytes, sha256) = await CopyAsync(upload, temporary, cancellationToken).ConfigureAwait(false);
            file = new HandedOffFile(sha256[..16] + "-" + Guid.NewGuid().ToString("N")[..8], relative.Replace('\\', '/'), path, bytes, sha256,
                upload.DestinationId, upload.ContentType ?? "application/octet-stream", new Dictionary<string, string>(upload.Metadata),
                DateTimeOffset.UtcNow);
            await File.WriteAllBytesAsync(path + ".metadata.json", MetadataJson(file), cancellationToken).ConfigureAwait(false);
            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            // A failed or cancelled hand-off leaves no half file behind, under either name.
            File.Delete(temporary);
            throw;
        }
        await _report(file, cancellationToken).ConfigureAwait(false);
        return file;
    }

    /// <summary>Copies the upload's content to <paramref name="target"/>, flushed to disk; its size and SHA-256 (lower-case hex).</summary>
    private static async Task<(long Bytes, string Sha256)> CopyAsync(FileUpload upload, string target, CancellationToken cancellationToken)
    {
        await using var source = upload.Open();
        await using var output = new FileStream(target, FileMode.Create, FileAccess.Write, FileShare.None, 81920, useAsync: true);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        int read;
        long bytes = 0;
        while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            bytes += read;
        }
        output.Flush(flushToDisk: true);
        return (bytes, Convert.ToHexString(hash.GetHashAndReset()).ToLowerInvariant());
    }

    public Task<IReadOnlyList<ConnectorFile>> GetFilesAsync(ConnectorFileQuery? query = null, CancellationToken cancellationToken = default) =>
        _store.GetFilesAsync(query, cancellationToken);

    public Task<IReadOnlyList<ConnectorFile>> SaveFilesAsync(IEnumerable<ConnectorFile> files, CancellationToken cancellationToken = default) =>
        _store.SaveFilesAsync(files, cancellationToken);

    /// <summary>A relative path without <c>..</c>, rooted nowhere.</summary>
    internal static string CheckedTargetName(string name)
    {
        var parts = name.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (name.Length == 0 || Path.IsPathRooted(name) || parts.Length == 0 || Array.Exists(parts, p => p is "." or ".."))
        {
            throw new ArgumentException($"The file's target name '{name}' must be a relative path without '.' or '..'.", nameof(name));
        }
        return Path.Combine(parts);
    }

    private static byte[] MetadataJson(HandedOffFile file)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            PlatformReportJson.WriteFile(json, file);
        }
        return buffer.ToArray();
    }
}
