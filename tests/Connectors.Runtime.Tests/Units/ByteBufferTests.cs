using System;
using System.Linq;
using Connectors.Runtime.Protocol;
using Xunit;

namespace Connectors.Runtime.Tests.Units;

/// <summary>The output buffer every message is written into: it grows for a large message and gives memory back.</summary>
public sealed class ByteBufferTests
{
    private const int InitialBytes = 64 * 1024;

    [Fact]
    public void Writes_a_message_larger_than_the_initial_buffer_whole()
    {
        var buffer = new ByteBuffer();
        var big = Enumerable.Range(0, 3 * InitialBytes).Select(i => (byte)i).ToArray();

        buffer.Write((byte)'[');
        buffer.Write(big);
        buffer.Write((byte)']');

        Assert.Equal(big.Length + 2, buffer.Length);
        Assert.True(buffer.WrittenSpan[1..^1].SequenceEqual(big));
        Assert.Equal((byte)']', buffer.WrittenSpan[^1]);
    }

    [Fact]
    public void Get_span_and_get_memory_give_at_least_the_size_asked_for_past_what_is_written()
    {
        var buffer = new ByteBuffer();
        buffer.Write(new byte[InitialBytes - 10]);

        var span = buffer.GetSpan(5000);
        Assert.True(span.Length >= 5000);
        span[..3].Fill((byte)'x');
        buffer.Advance(3);
        Assert.True(buffer.GetMemory(20_000).Length >= 20_000);
        Assert.True(buffer.GetSpan().Length > 0);

        Assert.Equal(InitialBytes - 7, buffer.Length);
        Assert.True(buffer.WrittenSpan[^3..].SequenceEqual("xxx"u8));
        Assert.True(buffer.WrittenSpan[..^3].ToArray().All(b => b == 0));
    }

    [Fact]
    public void Truncate_drops_what_a_failed_message_wrote_and_never_extends()
    {
        var buffer = new ByteBuffer();
        buffer.Write("kept"u8);
        buffer.Write("half a mess"u8);

        buffer.Truncate(4);
        buffer.Truncate(100);

        Assert.True(buffer.WrittenSpan.SequenceEqual("kept"u8));
    }

    [Fact]
    public void Clear_gives_back_the_memory_a_huge_message_took()
    {
        var buffer = new ByteBuffer();
        buffer.Write(new byte[2 * 1024 * 1024]);

        buffer.Clear();

        Assert.Equal(0, buffer.Length);
        Assert.Equal(InitialBytes, buffer.GetSpan().Length);
    }

    [Fact]
    public void Clear_keeps_a_buffer_of_up_to_1_MiB_so_large_records_do_not_reallocate_it_each_flush()
    {
        // Growing doubles: 600 KB of messages take 64 KiB -> 1 MiB, the most a cleared buffer keeps.
        var buffer = new ByteBuffer();
        for (var i = 0; i < 10; i++)
        {
            buffer.Write(new byte[60_000]);
        }

        buffer.Clear();

        Assert.Equal(0, buffer.Length);
        Assert.Equal(1024 * 1024, buffer.GetSpan().Length);
    }
}
