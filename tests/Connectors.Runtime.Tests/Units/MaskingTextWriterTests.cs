using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Connectors.Runtime.Secrets;
using Xunit;

namespace Connectors.Runtime.Tests.Units;

public sealed class MaskingTextWriterTests
{
    private const string Secret = "sw0rdfish-42";

    private readonly List<string> _parts = new();
    private readonly MaskingTextWriter _writer;

    public MaskingTextWriterTests()
    {
        var masker = new SecretMasker();
        masker.Add(Secret);
        _writer = new MaskingTextWriter(masker, part =>
        {
            lock (_parts)
            {
                _parts.Add(part);
            }
        });
    }

    [Fact]
    public void A_secret_written_in_pieces_is_masked_when_the_line_ends()
    {
        _writer.Write("key: sw0r");
        _writer.Write('d');
        _writer.Write("fish-4".ToCharArray(), 0, 6);
        Assert.Empty(_parts);

        _writer.WriteLine("2!");

        Assert.Equal(["key: ****!\n"], _parts);
    }

    [Fact]
    public void Several_lines_in_one_write_go_out_together_and_the_rest_waits()
    {
        _writer.Write($"a {Secret}\nb\nc {Secret[..3]}");

        Assert.Equal(["a ****\nb\n"], _parts);
        _writer.Write(Secret[3..] + "\n");
        Assert.Equal(["a ****\nb\n", "c ****\n"], _parts);
    }

    [Fact]
    public void Flush_passes_on_an_unfinished_line_masked()
    {
        _writer.Write("prompt " + Secret);
        _writer.Flush();

        Assert.Equal(["prompt ****"], _parts);
        _writer.Flush();
        Assert.Single(_parts);
    }

    [Fact]
    public void A_line_longer_than_the_limit_goes_out_in_parts_without_cutting_a_secret()
    {
        var filler = new string('x', MaskingTextWriter.MaxPendingChars - 5);
        _writer.Write(filler);
        _writer.Write(Secret);
        _writer.Write(new string('y', 100));
        _writer.WriteLine();

        var text = string.Concat(_parts);
        Assert.True(_parts.Count >= 2, "the long line went out in parts");
        Assert.Equal(filler + SecretMasker.Mask + new string('y', 100) + "\n", text);
    }

    [Fact]
    public void Concurrent_writers_never_interleave_within_a_line()
    {
        Parallel.For(0, 8, i =>
        {
            for (var j = 0; j < 200; j++)
            {
                _writer.WriteLine($"writer {i} line {j} {Secret}");
            }
        });

        var lines = string.Concat(_parts).Split('\n', System.StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(1600, lines.Length);
        Assert.All(lines, l => Assert.Matches(@"^writer \d line \d+ \*\*\*\*$", l));
    }

    [Fact]
    public void Over_a_text_writer_each_part_is_written_and_flushed()
    {
        var inner = new StringWriter();
        var masker = new SecretMasker();
        masker.Add(Secret);
        using var writer = new MaskingTextWriter(inner, masker);

        writer.WriteLine($"x {Secret}");
        writer.Write("tail");
        Assert.Equal("x ****\n", inner.ToString());
        writer.Dispose();

        Assert.Equal("x ****\ntail", inner.ToString());
    }

    [Fact]
    public void Redirect_sends_what_follows_elsewhere()
    {
        var other = new List<string>();
        _writer.WriteLine("before");

        _writer.Redirect(other.Add);
        _writer.WriteLine(Secret);

        Assert.Equal(["before\n"], _parts);
        Assert.Equal(["****\n"], other);
    }

    [Fact]
    public void A_newline_written_as_a_char_passes_the_line_on()
    {
        _writer.Write("x " + Secret);
        _writer.Write('\n');

        Assert.Equal(["x ****\n"], _parts);
    }

    [Fact]
    public void Up_to_the_limit_an_unfinished_line_is_held_char_by_char_and_one_more_passes_part_of_it_on()
    {
        for (var i = 0; i < MaskingTextWriter.MaxPendingChars; i++)
        {
            _writer.Write('x');
        }
        Assert.Empty(_parts);

        _writer.Write('x');

        Assert.Single(_parts);
    }

    [Fact]
    public void Up_to_the_limit_an_unfinished_line_is_held_and_one_more_char_passes_part_of_it_on()
    {
        _writer.Write(new string('x', MaskingTextWriter.MaxPendingChars));
        Assert.Empty(_parts);

        _writer.Write("x");

        Assert.Single(_parts);
    }

    [Fact]
    public void A_secret_split_across_the_cut_of_a_long_line_is_still_masked()
    {
        var filler = new string('x', MaskingTextWriter.MaxPendingChars - 2);
        var masker = new SecretMasker();
        masker.Add(Secret);

        _writer.Write(filler);
        _writer.Write(Secret[..4]);
        // All but the tail a secret could still be growing into (its longest form, less one character) went out.
        Assert.Equal([filler.Length + 4 - (masker.LongestForm - 1)], _parts.Select(p => p.Length));
        _writer.Write(Secret[4..]);
        _writer.WriteLine();

        Assert.Equal(filler + SecretMasker.Mask + "\n", string.Concat(_parts));
    }

    [Fact]
    public void A_long_line_that_is_all_one_masked_range_is_held_without_passing_on_an_empty_part()
    {
        // Overlapping occurrences merge into one range covering the whole line, so there is nowhere safe to cut.
        var parts = new List<string>();
        var masker = new SecretMasker();
        masker.Add("aaaaaa");
        var writer = new MaskingTextWriter(masker, parts.Add);

        writer.Write(new string('a', MaskingTextWriter.MaxPendingChars + 1));
        Assert.Empty(parts);
        writer.WriteLine();

        Assert.Equal(["****\n"], parts);
    }

    [Fact]
    public void A_reader_that_went_away_does_not_fail_the_writer()
    {
        var masker = new SecretMasker();
        var gone = new MaskingTextWriter(masker, _ => throw new IOException("pipe closed"));
        var disposed = new MaskingTextWriter(masker, _ => throw new ObjectDisposedException("stdout"));
        var broken = new MaskingTextWriter(masker, _ => throw new InvalidOperationException("a bug"));

        gone.WriteLine("lost");
        disposed.WriteLine("lost");

        Assert.Throws<InvalidOperationException>(() => broken.WriteLine("shown"));
    }

    [Fact]
    public void Over_a_buffered_stream_writer_each_line_reaches_the_stream_at_once()
    {
        var stream = new MemoryStream();
        var inner = new StreamWriter(stream, new System.Text.UTF8Encoding(false)) { AutoFlush = false };
        var masker = new SecretMasker();
        masker.Add(Secret);
        var writer = new MaskingTextWriter(inner, masker);

        writer.WriteLine($"x {Secret}");

        Assert.Equal("x ****\n", System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }
}
