using System;
using System.IO;
using System.Security.Cryptography;

namespace Connectors.Execution.Tests.Infrastructure;

/// <summary>Streams for transfers: generated content of any size, and one that breaks off.</summary>
internal static class TestStreams
{
    /// <summary>Deterministic pseudo-random bytes, generated as read (nothing held in memory).</summary>
    public static Stream Generated(long length, int seed = 1) => new GeneratedStream(length, seed);

    /// <summary>The SHA-256 (lowercase hex) of a generated stream.</summary>
    public static string Sha256(long length, int seed = 1)
    {
        using var stream = Generated(length, seed);
        return Convert.ToHexString(SHA256.HashData(stream)).ToLowerInvariant();
    }

    /// <summary>
    /// Gives <paramref name="length"/> bytes, then fails as a broken disk or network would. A seekable one claims more
    /// bytes than it gives, as a file truncated while it is read.
    /// </summary>
    public static Stream Failing(long length, bool seekable = false) => new GeneratedStream(length, 7, fail: true, seekable);

    private sealed class GeneratedStream(long length, int seed, bool fail = false, bool seekable = false) : Stream
    {
        private readonly Random _random = new(seed);
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => seekable;

        public override bool CanWrite => false;

        public override long Length => seekable ? length * 2 : throw new NotSupportedException();

        public override long Position
        {
            get => _position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var count = (int)Math.Min(buffer.Length, length - _position);
            if (count == 0 && fail)
            {
                throw new IOException("The source broke off.");
            }
            _random.NextBytes(buffer[..count]);
            _position += count;
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
