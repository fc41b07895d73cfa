using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Connectors.Runtime.Protocol;
using Xunit;

namespace Connectors.Runtime.Tests.Units;

public sealed class LineReaderTests
{
    [Theory]
    [InlineData("a\nbb\nccc\n")]
    [InlineData("a\r\nbb\r\nccc\r\n")]
    [InlineData("a\nbb\r\nccc")]
    public void Reads_lines_ending_in_LF_or_CRLF_and_a_last_line_without_a_newline(string input)
    {
        Assert.Equal(["a", "bb", "ccc"], ReadAll(input, bufferBytes: 2));
    }

    [Fact]
    public void Keeps_empty_lines_and_counts_every_line()
    {
        var reader = new LineReader(Input("x\n\n\ny\n"), bufferBytes: 4);
        var lines = new List<string>();
        while (reader.TryReadLine(out var line))
        {
            lines.Add(Encoding.UTF8.GetString(line));
        }
        Assert.Equal(["x", "", "", "y"], lines);
        Assert.Equal(4, reader.LineNumber);
    }

    [Fact]
    public void An_empty_input_has_no_line()
    {
        Assert.Empty(ReadAll("", bufferBytes: 16));
    }

    [Fact]
    public void A_line_far_longer_than_the_buffer_is_read_whole_and_the_next_lines_still_follow()
    {
        // 3 MiB through a 64-byte buffer: the buffer doubles until the line fits (a 100 MiB line takes the same path).
        var longLine = new string('x', 3 * 1024 * 1024 - 7) + "é\"}";
        var lines = ReadAll($"short\n{longLine}\nafter\n", bufferBytes: 64, maxLineBytes: 4 * 1024 * 1024);
        Assert.Equal(3, lines.Count);
        Assert.Equal("short", lines[0]);
        Assert.True(lines[1] == longLine, "the long line came back changed");
        Assert.Equal("after", lines[2]);
    }

    [Fact]
    public void The_default_limit_takes_lines_of_at_least_100_MiB()
    {
        Assert.True(LineReader.DefaultMaxLineBytes >= 100 * 1024 * 1024);
        Assert.Equal(LineReader.DefaultMaxLineBytes, new LineReader(Stream.Null).MaxLineBytes);
    }

    [Theory]
    [InlineData("ok\n0123456789ABCDEF\nok\n")]
    [InlineData("ok\n0123456789ABCDEF")]
    public void A_line_over_the_limit_is_an_error_naming_its_line(string input)
    {
        var reader = new LineReader(Input(input), maxLineBytes: 10, bufferBytes: 4);
        Assert.True(reader.TryReadLine(out _));
        var error = Assert.Throws<LineTooLongException>(() => reader.TryReadLine(out _));
        Assert.Equal(2, error.LineNumber);
        Assert.Contains("Line 2", error.Message);
    }

    [Fact]
    public void Reads_input_that_arrives_a_byte_at_a_time()
    {
        var text = string.Join("\n", Enumerable.Range(0, 50).Select(i => new string((char)('a' + i % 26), i))) + "\n";
        Assert.Equal(text.Split('\n')[..^1], ReadAll(new TrickleStream(Encoding.UTF8.GetBytes(text)), bufferBytes: 8));
    }

    private static List<string> ReadAll(string input, int bufferBytes, int maxLineBytes = LineReader.DefaultMaxLineBytes) =>
        ReadAll(Input(input), bufferBytes, maxLineBytes);

    private static List<string> ReadAll(Stream input, int bufferBytes, int maxLineBytes = LineReader.DefaultMaxLineBytes)
    {
        var reader = new LineReader(input, maxLineBytes, bufferBytes);
        var lines = new List<string>();
        while (reader.TryReadLine(out var line))
        {
            lines.Add(Encoding.UTF8.GetString(line));
        }
        return lines;
    }

    [Theory]
    [InlineData(16)]
    [InlineData(4096)]
    public void After_a_line_too_long_skip_line_drops_it_and_reading_goes_on_with_the_next(int bufferBytes)
    {
        var reader = new LineReader(Input("ok\n" + new string('x', 100_000) + "\nnext\r\nlast"), maxLineBytes: 1000, bufferBytes: bufferBytes);
        Assert.True(reader.TryReadLine(out _));

        var tooLong = Assert.Throws<LineTooLongException>(() => reader.TryReadLine(out _));
        Assert.Equal(2, tooLong.LineNumber);
        Assert.StartsWith("xxxx", Encoding.UTF8.GetString(reader.PendingBytes));
        Assert.True(reader.PendingBytes.Length <= 1002);
        Assert.True(reader.SkipLine());

        Assert.Equal(2, reader.LineNumber);
        Assert.True(reader.TryReadLine(out var next));
        Assert.Equal("next", Encoding.UTF8.GetString(next));
        Assert.True(reader.TryReadLine(out var last));
        Assert.Equal("last", Encoding.UTF8.GetString(last));
        Assert.Equal(4, reader.LineNumber);
        Assert.False(reader.TryReadLine(out _));
    }

    [Fact]
    public void Skip_line_says_when_the_input_ended_within_the_line()
    {
        var reader = new LineReader(Input(new string('x', 5000)), maxLineBytes: 100, bufferBytes: 16);
        Assert.Throws<LineTooLongException>(() => reader.TryReadLine(out _));

        Assert.False(reader.SkipLine());

        Assert.Equal(1, reader.LineNumber);
        Assert.False(reader.TryReadLine(out _));
    }

    private static MemoryStream Input(string text) => new(Encoding.UTF8.GetBytes(text));

    /// <summary>A pipe that hands over one byte per read.</summary>
    private sealed class TrickleStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, 1));
    }
}
