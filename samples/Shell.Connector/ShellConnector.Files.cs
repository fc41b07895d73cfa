using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Connectors;
using Connectors.Execution;
using Connectors.Execution.Inventory;
using Microsoft.Extensions.Logging;

namespace Shell;

public sealed partial class ShellConnector
{
    /// <summary>
    /// Writes a file on the selected hosts through a temporary file beside it and an atomic rename (the file appears whole
    /// or not at all), streamed from the payload's content or from a local file.
    /// </summary>
    /// <param name="path">Where to write on each host; the folder must exist.</param>
    /// <param name="content">The content: text, or base64 when base64 is true. Give content or local_path.</param>
    /// <param name="base64">The content is base64-encoded bytes.</param>
    /// <param name="localPath">A file on the connector's machine to upload (streamed, any size). Give content or local_path.</param>
    /// <param name="mode">The file's mode in octal, like "644" or "0600"; default: the host's default for new files.</param>
    /// <param name="owner">The file's owner (needs root, or sudo).</param>
    /// <param name="fileGroup">The file's group.</param>
    /// <param name="sudo">Write through sudo (as root or sudo_user), with the config's sudo_password if sudo asks.</param>
    /// <param name="sudoUser">The user sudo writes as.</param>
    /// <param name="host">Write on this host only.</param>
    /// <param name="group">Write on the hosts of this group. Neither host nor group: every host.</param>
    /// <param name="parallel">How many hosts to write on at once.</param>
    [Command("Shell.Connector.PutFile")]
    public async Task<FilesResult> PutFile(string path, string? content = null, bool base64 = false, string? localPath = null, string? mode = null,
        string? owner = null, string? fileGroup = null, bool sudo = false, string? sudoUser = null, string? host = null, string? group = null,
        int? parallel = null, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        if ((content is null) == (localPath is null))
        {
            throw new ConfigException("Give content or local_path (one of them).");
        }
        if (localPath is not null && !File.Exists(localPath))
        {
            throw new ConfigException($"The local file '{localPath}' does not exist.");
        }
        var bytes = content is null ? null : Decode(content, base64);
        var options = new PutFileOptions
        {
            Mode = mode,
            Owner = owner,
            Group = fileGroup,
            Sudo = sudo,
            SudoUser = sudoUser,
            SudoPassword = sudo ? SudoPassword : null,
        };
        var hosts = Current();
        var results = await hosts.Pool.RunAsync(hosts.Inventory.Select(host, group), Limit(parallel), (target, connection, token) =>
        {
            logger?.LogInformation("[{Host}] Writing {Path} ({Options}).", target.Name, path, options.ToString());
            return bytes is null
                ? connection.PutFileAsync(localPath!, path, options, token)
                : connection.PutFileAsync(new MemoryStream(bytes, writable: false), path, options, token);
        }, cancellationToken);
        var files = results.Select(r => r.Value is { } file
            ? new HostFile(r.Host, path, file.Bytes, file.Sha256, null, null, null)
            : new HostFile(r.Host, path, null, null, null, null, r.Error)).ToList();
        LogFailures(files, logger);
        return new FilesResult(files.All(f => f.Error is null), files);
    }

    /// <summary>
    /// Reads a file from the selected hosts: into a local file (through a temporary file and an atomic rename, streamed,
    /// any size) or, without local_path, inline in the result (up to max_file_bytes).
    /// </summary>
    /// <param name="path">The file to read on each host.</param>
    /// <param name="localPath">Where to write it on the connector's machine; with several hosts it must contain {host}, replaced by each host's name.</param>
    /// <param name="base64">Return the content inline as base64 (for binary files) rather than as UTF-8 text.</param>
    /// <param name="sudo">Read through sudo (as root or sudo_user).</param>
    /// <param name="sudoUser">The user sudo reads as.</param>
    /// <param name="host">Read from this host only.</param>
    /// <param name="group">Read from the hosts of this group. Neither host nor group: every host.</param>
    /// <param name="parallel">How many hosts to read from at once.</param>
    [Command("Shell.Connector.GetFile")]
    public async Task<FilesResult> GetFile(string path, string? localPath = null, bool base64 = false, bool sudo = false, string? sudoUser = null,
        string? host = null, string? group = null, int? parallel = null, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        var hosts = Current();
        var selected = hosts.Inventory.Select(host, group);
        if (localPath is not null && selected.Count > 1 && !localPath.Contains("{host}", StringComparison.Ordinal))
        {
            throw new ConfigException($"local_path must contain {{host}} when reading from {selected.Count} hosts, so each host's file has its own name.");
        }
        var options = new GetFileOptions { Sudo = sudo, SudoUser = sudoUser, SudoPassword = sudo ? SudoPassword : null };
        var results = await hosts.Pool.RunAsync(selected, Limit(parallel), async (target, connection, token) =>
        {
            logger?.LogInformation("[{Host}] Reading {Path} ({Options}).", target.Name, path, options.ToString());
            if (localPath is not null)
            {
                var local = localPath.Replace("{host}", SafeName(target.Name), StringComparison.Ordinal);
                var file = await connection.GetFileAsync(path, local, options, token);
                return new HostFile(target.Name, path, file.Bytes, file.Sha256, Path.GetFullPath(local), null, null);
            }
            using var buffer = new BoundedStream(MaxFileBytes, path);
            var read = await connection.GetFileAsync(path, buffer, options, token);
            var bytes = buffer.ToArray();
            return new HostFile(target.Name, path, read.Bytes, read.Sha256, null, base64 ? Convert.ToBase64String(bytes) : Encoding.UTF8.GetString(bytes), null);
        }, cancellationToken);
        var files = results.Select(r => r.Value ?? new HostFile(r.Host, path, null, null, null, null, r.Error)).ToList();
        LogFailures(files, logger);
        return new FilesResult(files.All(f => f.Error is null), files);
    }

    private static void LogFailures(System.Collections.Generic.IEnumerable<HostFile> files, ILogger? logger)
    {
        foreach (var failure in files.Where(f => f.Error is not null))
        {
            logger?.LogError("[{Host}] {Problem}", failure.Host, failure.Error);
        }
    }

    private static string SafeName(string host) => string.Concat(host.Select(c => c is '/' or '\\' or '\0' ? '_' : c));

    private static byte[] Decode(string content, bool base64)
    {
        if (!base64)
        {
            return Encoding.UTF8.GetBytes(content);
        }
        try
        {
            return Convert.FromBase64String(content);
        }
        catch (FormatException)
        {
            throw new ConfigException("content is not valid base64.");
        }
    }

    /// <summary>A memory buffer that refuses to grow past a limit, so an inline read cannot exhaust memory.</summary>
    private sealed class BoundedStream(long limit, string path) : MemoryStream
    {
        public override void Write(ReadOnlySpan<byte> buffer)
        {
            Check(buffer.Length);
            base.Write(buffer);
        }

        public override void Write(byte[] buffer, int offset, int count)
        {
            Check(count);
            base.Write(buffer, offset, count);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Check(count);
            return base.WriteAsync(buffer, offset, count, cancellationToken);
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Check(buffer.Length);
            return base.WriteAsync(buffer, cancellationToken);
        }

        private void Check(int count)
        {
            if (Length + count > limit)
            {
                throw new IOException($"'{path}' is larger than max_file_bytes ({limit} bytes); give local_path to read it into a file.");
            }
        }
    }
}
