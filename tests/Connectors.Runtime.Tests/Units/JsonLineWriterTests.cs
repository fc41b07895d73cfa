using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Text.Json;
using System.Threading.Tasks;
using Connectors.Runtime.Protocol;
using Connectors.Runtime.Tests.Support;
using Xunit;

namespace Connectors.Runtime.Tests.Units;

public sealed class JsonLineWriterTests
{
    private static void WriteMessage(JsonLineWriter lines, int n, string text = "x")
    {
        var json = lines.BeginMessage();
        json.WriteStartObject();
        json.WriteNumber("n", n);
        json.WriteString("text", text);
        json.WriteEndObject();
        lines.EndMessage();
    }

    private static string[] Lines(MemoryStream stream)
    {
        var text = Encoding.UTF8.GetString(stream.ToArray());
        Assert.True(text.Length == 0 || text.EndsWith('\n'));
        return text.Length == 0 ? Array.Empty<string>() : text[..^1].Split('\n');
    }

    [Fact]
    public void Writes_one_compact_line_per_message()
    {
        var stream = new MemoryStream();
        using var lines = new JsonLineWriter(stream);

        WriteMessage(lines, 1, "line\nbreak");
        WriteMessage(lines, 2, "ü \"quoted\"");
        lines.Flush();

        Assert.Equal(new[] { """{"n":1,"text":"line\nbreak"}""", """{"n":2,"text":"ü \"quoted\""}""" }, Lines(stream));
    }

    [Fact]
    public void An_aborted_message_leaves_no_partial_line()
    {
        var stream = new MemoryStream();
        using var lines = new JsonLineWriter(stream);

        WriteMessage(lines, 1);
        var json = lines.BeginMessage();
        json.WriteStartObject();
        json.WriteString("half", new string('y', 1000));
        lines.WriteRaw("\"raw\":1"u8);
        lines.AbortMessage();
        WriteMessage(lines, 2);
        lines.Flush();

        Assert.Equal(new[] { """{"n":1,"text":"x"}""", """{"n":2,"text":"x"}""" }, Lines(stream));
    }

    [Fact]
    public void Bytes_reach_the_stream_only_when_the_buffer_passes_the_threshold_or_on_flush()
    {
        var stream = new MemoryStream();
        using var lines = new JsonLineWriter(stream, flushThreshold: 100);

        WriteMessage(lines, 1);
        Assert.Equal(0, stream.Length);

        for (var n = 2; stream.Length == 0; n++)
        {
            WriteMessage(lines, n);
            Assert.True(n < 10, "the threshold never flushed");
        }
        Assert.True(stream.Length >= 100);
        Assert.All(Lines(stream), l => JsonDocument.Parse(l).Dispose());

        var flushed = stream.Length;
        WriteMessage(lines, 99);
        Assert.Equal(flushed, stream.Length);
        lines.Flush();
        Assert.True(stream.Length > flushed);
    }

    [Fact]
    public void Dispose_flushes()
    {
        var stream = new MemoryStream();
        var lines = new JsonLineWriter(stream);
        WriteMessage(lines, 1);

        lines.Dispose();

        Assert.Single(Lines(stream));
    }

    [Fact]
    public void A_broken_pipe_becomes_OutputClosedException_and_closes_the_writer()
    {
        var lines = new JsonLineWriter(new BrokenStream());
        WriteMessage(lines, 1);

        var thrown = Assert.Throws<OutputClosedException>(lines.Flush);

        Assert.IsType<IOException>(thrown.InnerException);
        Assert.True(lines.IsClosed);
        Assert.Throws<OutputClosedException>(() => lines.BeginMessage());
        lines.Flush();
        Assert.True(lines.TryFlush(TimeSpan.FromSeconds(1)));
        lines.Dispose();
    }

    [Fact]
    public async Task A_broken_pipe_at_the_threshold_throws_from_EndMessage_and_releases_the_writer()
    {
        var lines = new JsonLineWriter(new BrokenStream(), flushThreshold: 1);

        Assert.Throws<OutputClosedException>(() => WriteMessage(lines, 1));

        Assert.True(lines.IsClosed);
        // The lock was released: another thread can still get an answer.
        await Task.Run(() => Assert.Throws<OutputClosedException>(() => lines.BeginMessage())).WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task A_broken_pipe_at_the_threshold_throws_from_a_record_and_releases_the_writer()
    {
        // A RECORD's end takes its own way through the buffer (no try/finally on the per-record path): a failed flush
        // there must still release the lock, and the records before the threshold must arrive whole.
        var stream = new BrokenStream(writesBeforeBreaking: 1);
        var lines = new JsonLineWriter(stream, flushThreshold: 100);
        var writer = new Airbyte.AirbyteWriter(lines, new Secrets.SecretMasker());
        var envelope = new Airbyte.RecordEnvelope(new Airbyte.StreamKey("users", null));
        RecordWriter<int> writeData = static (json, n) =>
        {
            json.WriteStartObject();
            json.WriteNumber("n", n);
            json.WriteEndObject();
        };

        writer.WriteRecord(envelope, 1, writeData, emittedAt: 7);
        Assert.Empty(stream.Written);
        writer.WriteRecord(envelope, 2, writeData, emittedAt: 8);
        Assert.Equal(
            "{\"type\":\"RECORD\",\"record\":{\"stream\":\"users\",\"data\":{\"n\":1},\"emitted_at\":7}}\n" +
            "{\"type\":\"RECORD\",\"record\":{\"stream\":\"users\",\"data\":{\"n\":2},\"emitted_at\":8}}\n",
            Encoding.UTF8.GetString(stream.Written));

        writer.WriteRecord(envelope, 3, writeData, emittedAt: 9);
        Assert.Throws<OutputClosedException>(() => writer.WriteRecord(envelope, 4, writeData, emittedAt: 10));

        Assert.True(lines.IsClosed);
        await Task.Run(() => Assert.Throws<OutputClosedException>(() => lines.BeginMessage())).WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void A_disposed_stream_counts_as_closed()
    {
        var stream = new MemoryStream();
        var lines = new JsonLineWriter(stream);
        WriteMessage(lines, 1);
        stream.Dispose();

        Assert.Throws<OutputClosedException>(lines.Flush);
        Assert.True(lines.IsClosed);
    }

    [Fact]
    public void Messages_from_many_threads_are_written_whole()
    {
        var stream = new MemoryStream();
        using var lines = new JsonLineWriter(stream, flushThreshold: 4096);

        Parallel.For(0, 8, thread =>
        {
            for (var i = 0; i < 500; i++)
            {
                WriteMessage(lines, thread * 1000 + i, new string((char)('a' + thread), i % 50));
            }
        });
        lines.Flush();

        var numbers = Lines(stream).Select(l =>
        {
            using var document = JsonDocument.Parse(l);
            var n = document.RootElement.GetProperty("n").GetInt32();
            Assert.Equal(new string((char)('a' + n / 1000), n % 1000 % 50), document.RootElement.GetProperty("text").GetString());
            return n;
        }).ToList();
        Assert.Equal(4000, numbers.Distinct().Count());
    }

    [Fact]
    public void A_message_larger_than_the_buffer_is_written_whole()
    {
        var stream = new MemoryStream();
        using var lines = new JsonLineWriter(stream);
        var big = new string('z', 300_000);

        WriteMessage(lines, 1, big);
        WriteMessage(lines, 2);
        lines.Flush();

        var written = Lines(stream);
        Assert.Equal(2, written.Length);
        using var document = JsonDocument.Parse(written[0]);
        Assert.Equal(big, document.RootElement.GetProperty("text").GetString());
    }

    [Fact]
    public void A_message_waiting_in_the_buffer_is_written_within_the_maximum_latency()
    {
        // A slow stream's status or record must reach the platform without waiting for the buffer to fill.
        var stream = new SignallingStream();
        using var lines = new JsonLineWriter(stream, maxLatency: TimeSpan.FromMilliseconds(50));

        WriteMessage(lines, 1);

        Assert.True(stream.Written.Wait(TimeSpan.FromSeconds(30)), "the buffered message was never written");
        Assert.Equal("{\"n\":1,\"text\":\"x\"}\n", stream.Text);
    }

    [Fact]
    public void Without_a_maximum_latency_messages_wait_for_a_flush()
    {
        var stream = new SignallingStream();
        using var lines = new JsonLineWriter(stream);

        WriteMessage(lines, 1);

        Assert.False(stream.Written.Wait(TimeSpan.FromMilliseconds(200)));
        lines.Flush();
        Assert.True(stream.Written.IsSet);
    }

    /// <summary>A stream that says when something was written to it (from whichever thread).</summary>
    private sealed class SignallingStream : MemoryStream
    {
        private readonly object _gate = new();

        public ManualResetEventSlim Written { get; } = new();

        public string Text
        {
            get
            {
                lock (_gate)
                {
                    return Encoding.UTF8.GetString(ToArray());
                }
            }
        }

        public override void Write(byte[] buffer, int offset, int count)
        {
            lock (_gate)
            {
                base.Write(buffer, offset, count);
            }
            Written.Set();
        }

        public override void Write(ReadOnlySpan<byte> buffer) => Write(buffer.ToArray(), 0, buffer.Length);
    }
}
