using System;
using System.IO;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;

namespace Connectors.Execution.Internal;

/// <summary>
/// Passes bytes through to or from an inner stream (read-only or write-only), counting them and hashing them with
/// SHA-256 on the way, so a transfer is measured while it streams.
/// </summary>
internal sealed class HashingStream : Stream
{
    private readonly Stream _inner;
    private readonly bool _reading;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    private HashingStream(Stream inner, bool reading)
    {
        _inner = inner;
        _reading = reading;
    }

    /// <summary>Reads from <paramref name="source"/>.</summary>
    public static HashingStream ReadFrom(Stream source) => new(source, reading: true);

    /// <summary>Writes to <paramref name="destination"/>.</summary>
    public static HashingStream WriteTo(Stream destination) => new(destination, reading: false);

    public long Bytes { get; private set; }

    /// <summary>The hash of every byte so far, in lowercase hex.</summary>
    public string Sha256 => Convert.ToHexString(_hash.GetCurrentHash()).ToLowerInvariant();

    public override bool CanRead => _reading;

    public override bool CanSeek => false;

    public override bool CanWrite => !_reading;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => Bytes;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        EnsureReading();
        var read = _inner.Read(buffer);
        Count(buffer[..read]);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        EnsureReading();
        var read = await _inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        Count(buffer.Span[..read]);
        return read;
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        EnsureWriting();
        _inner.Write(buffer);
        Count(buffer);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        EnsureWriting();
        await _inner.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
        Count(buffer.Span);
    }

    public override void Flush() => _inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => _inner.FlushAsync(cancellationToken);

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _hash.Dispose();
        }
        base.Dispose(disposing);
    }

    private void Count(ReadOnlySpan<byte> bytes)
    {
        _hash.AppendData(bytes);
        Bytes += bytes.Length;
    }

    private void EnsureReading()
    {
        if (!_reading)
        {
            throw new NotSupportedException("This stream is write-only.");
        }
    }

    private void EnsureWriting()
    {
        if (_reading)
        {
            throw new NotSupportedException("This stream is read-only.");
        }
    }
}
