using System;
using System.IO;

namespace Connectors.Runtime.Tests.Support;

/// <summary>A stdout whose reader went away after <paramref name="writesBeforeBreaking"/> writes (a broken pipe).</summary>
internal sealed class BrokenStream(int writesBeforeBreaking = 0) : Stream
{
    private readonly MemoryStream _written = new();

    public int Writes { get; private set; }

    /// <summary>What reached the stream before it broke.</summary>
    public byte[] Written => _written.ToArray();

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (Writes++ >= writesBeforeBreaking)
        {
            throw new IOException("Broken pipe");
        }
        _written.Write(buffer);
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
