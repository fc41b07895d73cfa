using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Connectors.Runtime.Commands;
using Xunit;

namespace Connectors.Runtime.Tests.Commands;

/// <summary>
/// How <c>serve</c> reads stdin: on a background thread of its own (a read of a pipe blocks, and must not keep the
/// process alive), with a buffer that starts small whatever the envelope limit.
/// </summary>
public sealed class CommandInputTests
{
    [Fact]
    public async Task Stdin_is_read_on_a_background_thread_named_for_it()
    {
        var stdin = new ThreadRecordingStream();

        var input = CommandInput.Start(stdin, 1024);

        Assert.Null(await input.NextAsync().WaitAsync(TimeSpan.FromMinutes(1)));
        var reader = Assert.Single(stdin.Readers);
        Assert.True(reader.IsBackground, "a foreground thread blocked on stdin would keep the process from exiting");
        Assert.Equal("command-input", reader.Name);
    }

    [Fact]
    public void A_large_envelope_limit_does_not_allocate_a_buffer_of_that_size_up_front()
    {
        const int limit = 16 * 1024 * 1024;
        var before = GC.GetAllocatedBytesForCurrentThread();

        var input = CommandInput.Start(new MemoryStream(), limit);

        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, 1024 * 1024);
        input.Stop();
    }

    /// <summary>An empty stdin that records the threads that read it.</summary>
    private sealed class ThreadRecordingStream : Stream
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<int, (bool IsBackground, string? Name)> _readers = new();

        /// <summary>Each thread that read, as it was then (a thread that has ended cannot be asked).</summary>
        public (bool IsBackground, string? Name)[] Readers => [.. _readers.Values];

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            _readers.TryAdd(Environment.CurrentManagedThreadId, (Thread.CurrentThread.IsBackground, Thread.CurrentThread.Name));
            return 0;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
