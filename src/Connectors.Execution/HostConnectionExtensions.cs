using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Connectors.Execution;

/// <summary>File transfers between a local file and a host.</summary>
public static class HostConnectionExtensions
{
    private const int BufferSize = 64 * 1024;

    /// <summary>Uploads the local file <paramref name="localPath"/> to <paramref name="path"/> on the host (streamed).</summary>
    public static async Task<FileTransferResult> PutFileAsync(this IHostConnection connection, string localPath, string path,
        PutFileOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        FileStream source;
        try
        {
            source = new FileStream(localPath, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.Asynchronous | FileOptions.SequentialScan);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new FileTransferException($"Cannot read the local file '{localPath}': {ex.Message}", ex);
        }
        await using (source.ConfigureAwait(false))
        {
            return await connection.PutFileAsync(source, path, options, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Downloads <paramref name="path"/> from the host to the local file <paramref name="localPath"/>, through a temporary
    /// file beside it and an atomic rename: the local file is replaced only by a whole copy.
    /// </summary>
    public static async Task<FileTransferResult> GetFileAsync(this IHostConnection connection, string path, string localPath,
        GetFileOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var target = Path.GetFullPath(localPath);
        var temporary = Path.Combine(Path.GetDirectoryName(target)!, "." + Path.GetFileName(target) + "." + Guid.NewGuid().ToString("N") + ".tmp");
        try
        {
            FileTransferResult result;
            var destination = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, FileOptions.Asynchronous);
            await using (destination.ConfigureAwait(false))
            {
                result = await connection.GetFileAsync(path, destination, options, cancellationToken).ConfigureAwait(false);
            }
            File.Move(temporary, target, overwrite: true);
            return result;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException && ex is not FileTransferException)
        {
            throw new FileTransferException($"Cannot write the local file '{localPath}': {ex.Message}", ex);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
