using System;
using System.IO;
using System.Text;
using Connectors.Runtime.Protocol;
using Xunit;

namespace Connectors.Runtime.Tests.Units;

/// <summary>The line-length limit at its edges, the error a user reads, and the memory a long line leaves behind.</summary>
public sealed class LineReaderLimitTests
{
    [Theory]
    [InlineData(4)]
    [InlineData(64)]
    public void A_line_of_exactly_the_limit_is_read_however_the_input_is_split(int bufferBytes)
    {
        foreach (var input in new[] { "0123456789\nok\n", "0123456789\r\nok\r\n" })
        {
            Assert.Equal(["0123456789", "ok"], ReadAll(new Trickle(Encoding.UTF8.GetBytes(input)), maxLineBytes: 10, bufferBytes));
            Assert.Equal(["0123456789", "ok"], ReadAll(new MemoryStream(Encoding.UTF8.GetBytes(input)), maxLineBytes: 10, bufferBytes));
        }
    }

    [Fact]
    public void A_limit_of_one_byte_still_reads_one_byte_lines()
    {
        Assert.Equal(["a", "b"], ReadAll(new MemoryStream("a\nb\n"u8.ToArray()), maxLineBytes: 1, bufferBytes: 1024));
    }

    [Fact]
    public void A_line_one_byte_over_the_limit_whose_newline_comes_in_the_same_read_is_an_error_naming_its_line()
    {
        // 4-byte buffer, limit 10: it grows to 12 and the read that brings byte 11 brings the newline too.
        var reader = new LineReader(new MemoryStream("0123456789A\nnext\n"u8.ToArray()), maxLineBytes: 10, bufferBytes: 4);

        var error = Assert.Throws<LineTooLongException>(() => reader.TryReadLine(out _));

        Assert.Equal(1, error.LineNumber);
        Assert.Equal("Line 1 of the input is longer than 10 bytes.", error.Message);
        Assert.True(reader.SkipLine());
        Assert.True(reader.TryReadLine(out var next));
        Assert.Equal("next", Encoding.UTF8.GetString(next));
        Assert.Equal(2, reader.LineNumber);
    }

    [Fact]
    public void A_line_too_long_in_the_middle_of_the_buffer_leaves_its_own_start_pending_and_is_skipped()
    {
        // The 12-byte buffer holds "\n" + 11 bytes of line 3: the error comes before any further read.
        var input = "0123456789\r\n\n0123456789ABC\nnext\n"u8.ToArray();
        var reader = new LineReader(new MemoryStream(input), maxLineBytes: 10, bufferBytes: 4);
        Assert.True(reader.TryReadLine(out _));
        Assert.True(reader.TryReadLine(out var empty));
        Assert.Equal(0, empty.Length);

        var error = Assert.Throws<LineTooLongException>(() => reader.TryReadLine(out _));

        Assert.Equal(3, error.LineNumber);
        Assert.Equal("0123456789A", Encoding.UTF8.GetString(reader.PendingBytes));
        Assert.True(reader.SkipLine());
        Assert.True(reader.TryReadLine(out var next));
        Assert.Equal("next", Encoding.UTF8.GetString(next));
        Assert.Equal(4, reader.LineNumber);
    }

    [Fact]
    public void Skip_line_finds_a_newline_that_starts_the_next_read()
    {
        // 4-byte buffer, limit 4: the error comes with "012345" read; the next read starts with the line's newline.
        var reader = new LineReader(new MemoryStream("012345\nnext\n"u8.ToArray()), maxLineBytes: 4, bufferBytes: 4);
        Assert.Throws<LineTooLongException>(() => reader.TryReadLine(out _));

        Assert.True(reader.SkipLine());

        Assert.True(reader.TryReadLine(out var next));
        Assert.Equal("next", Encoding.UTF8.GetString(next));
        Assert.Equal(2, reader.LineNumber);
    }

    [Theory]
    [InlineData(10, "10 bytes")]
    [InlineData(2 * 1024 * 1024, "2 MiB")]
    [InlineData(3 * 1024 * 1024 / 2, "1572864 bytes")]
    [InlineData(LineReader.DefaultMaxLineBytes, "256 MiB")]
    public void The_error_states_the_limit_in_MiB_when_it_is_whole_MiB_and_in_bytes_otherwise(int maxLineBytes, string limit)
    {
        Assert.Equal($"Line 7 of the input is longer than {limit}.", new LineTooLongException(7, maxLineBytes).Message);
    }

    [Fact]
    public void The_buffer_grows_to_the_line_not_to_the_limit()
    {
        // The default limit is 256 MiB; a 100 KB line must not make the reader take that much.
        var reader = new LineReader(new MemoryStream(Encoding.UTF8.GetBytes(new string('x', 100_000) + "\n")), bufferBytes: 64);
        Assert.True(reader.TryReadLine(out var line));
        Assert.Equal(100_000, line.Length);
        Assert.InRange(reader.BufferBytes, 100_001, 256 * 1024);
    }

    [Fact]
    public void After_a_huge_line_the_buffer_shrinks_back_and_the_next_lines_are_read_whole()
    {
        var huge = new string('h', 5 * 1024 * 1024);
        var second = new string('s', 5 * 1024 * 1024);
        var input = $"{huge}\n{second}\n" + string.Concat(System.Linq.Enumerable.Repeat("short line\n", 200_000));
        var reader = new LineReader(new MemoryStream(Encoding.UTF8.GetBytes(input)), maxLineBytes: 8 * 1024 * 1024);

        Assert.True(reader.TryReadLine(out var first));
        Assert.Equal(huge.Length, first.Length);
        Assert.True(reader.TryReadLine(out var next));
        Assert.True(next.SequenceEqual(Encoding.UTF8.GetBytes(second)), "the second huge line came back changed");
        Assert.True(reader.BufferBytes > 4 * 1024 * 1024);
        var count = 0;
        while (reader.TryReadLine(out var line))
        {
            Assert.Equal("short line", Encoding.UTF8.GetString(line));
            count++;
        }
        Assert.Equal(200_000, count);
        Assert.Equal(1024 * 1024, reader.BufferBytes);
    }

    [Fact]
    public void Reading_short_lines_through_the_default_buffer_allocates_no_new_buffer()
    {
        var input = new MemoryStream(Encoding.UTF8.GetBytes(string.Concat(System.Linq.Enumerable.Repeat("{\"a\":1}\n", 1_000_000))));
        var reader = new LineReader(input);
        Assert.True(reader.TryReadLine(out _));

        var before = GC.GetAllocatedBytesForCurrentThread();
        while (reader.TryReadLine(out _))
        {
        }
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // 8 MB of input is 8 refills of the 1 MiB buffer: each reuses it.
        Assert.True(allocated < 256 * 1024, $"{allocated} bytes allocated");
    }

    private static string[] ReadAll(Stream input, int maxLineBytes, int bufferBytes)
    {
        var reader = new LineReader(input, maxLineBytes, bufferBytes);
        var lines = new System.Collections.Generic.List<string>();
        while (reader.TryReadLine(out var line))
        {
            lines.Add(Encoding.UTF8.GetString(line));
        }
        return lines.ToArray();
    }

    /// <summary>A pipe that hands over one byte per read.</summary>
    private sealed class Trickle(byte[] bytes) : MemoryStream(bytes)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, 1));
    }
}
