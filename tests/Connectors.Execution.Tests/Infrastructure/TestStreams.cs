using System;
using System.IO;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;

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

    /// <summary>Gives one chunk, then waits for <see cref="GatedStream.Release"/> before giving a second and ending.</summary>
    public static GatedStream Gated() => new();

    public sealed class GatedStream : Stream
    {
        private readonly TaskCompletionSource _waiting = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _reads;

        /// <summary>Completes once the first chunk was read and the reader waits for more.</summary>
        public Task Waiting => _waiting.Task;

        public void Release() => _released.TrySetResult();

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            switch (Interlocked.Increment(ref _reads))
            {
                case 1:
                    break;
                case 2:
                    _waiting.TrySetResult();
                    await _released.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
                    break;
                default:
                    return 0;
            }
            var count = Math.Min(buffer.Length, 1000);
            buffer.Span[..count].Fill((byte)'x');
            return count;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

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
