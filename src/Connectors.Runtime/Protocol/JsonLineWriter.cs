using System;
using System.IO;
using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Threading;

namespace Connectors.Runtime.Protocol;

/// <summary>
/// Writes JSON messages, one compact object per line, through one buffered <see cref="Utf8JsonWriter"/>. Messages may come
/// from any thread; each is written whole or not at all. Bytes reach the stream when the buffer fills, on
/// <see cref="Flush"/>, on dispose, and at the latest <c>maxLatency</c> after they were written: a slow stream's records
/// and statuses must not sit in the buffer while the platform waits for a sign of life.
/// </summary>
public sealed class JsonLineWriter : IDisposable
{
    private readonly Stream _output;
    private readonly ByteBuffer _buffer = new();
    private readonly Utf8JsonWriter _json;
#if NET9_0_OR_GREATER
    // System.Threading.Lock: a managed fast path for the uncontended lock taken once per message.
    private readonly Lock _gate = new();
#else
    private readonly object _gate = new();
#endif
    private readonly int _flushThreshold;
    private readonly Timer? _latencyTimer;
    private int _messageStart;

    /// <summary>Creates a writer over a stream (usually stdout).</summary>
    /// <param name="output">Where lines go.</param>
    /// <param name="flushThreshold">Buffered bytes that trigger a write to the stream (64 KiB: a Linux pipe's capacity).</param>
    /// <param name="maxLatency">How long written bytes may wait in the buffer (default: no limit).</param>
    public JsonLineWriter(Stream output, int flushThreshold = 64 * 1024, TimeSpan? maxLatency = null)
    {
        _output = output;
        _flushThreshold = flushThreshold;
        if (maxLatency is { } latency && latency > TimeSpan.Zero)
        {
            _latencyTimer = new Timer(static state => ((JsonLineWriter)state!).FlushPending(), this, latency, latency);
        }
        _json = new Utf8JsonWriter(_buffer, new JsonWriterOptions
        {
            // Records carry user text: keep non-ASCII as UTF-8 rather than \u escapes, still escaping what JSON requires.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            SkipValidation = true,
        });
    }

    /// <summary>True once the stream's reader has gone away.</summary>
    public bool IsClosed { get; private set; }

    /// <summary>Starts a message: takes the writer's lock and returns the JSON writer positioned at a new line.</summary>
    public Utf8JsonWriter BeginMessage()
    {
        EnterGate();
        if (IsClosed)
        {
            ExitGate();
            throw new OutputClosedException();
        }
        _messageStart = _buffer.Length;
        return _json;
    }

    /// <summary>
    /// Starts a message whose first bytes are <paramref name="prefix"/> (a RECORD's pre-encoded envelope): as
    /// <see cref="BeginMessage()"/>, with the prefix copied straight into the buffer, since nothing is pending in the JSON
    /// writer at the start of a message.
    /// </summary>
    // Inlined, like EndRecord: a RECORD is a few dozen instructions of the runtime's own, kept in one place of the code.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal Utf8JsonWriter BeginMessage(ReadOnlySpan<byte> prefix)
    {
        var json = BeginMessage();
        _buffer.Write(prefix);
        return json;
    }

    /// <summary>
    /// Ends a RECORD message begun with <see cref="BeginMessage(ReadOnlySpan{byte})"/>: the record's end
    /// (<c>,"emitted_at":…}}</c>, see <see cref="Airbyte.RecordEnvelope.FormatEnd"/>) and the newline formatted straight
    /// into the buffer, then as <see cref="EndMessage"/>. One flush of the JSON writer and one buffer reservation per record.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void EndRecord(long emittedAt)
    {
        // No try/finally on this per-record path (it kept the method out of line): nothing here throws but running out
        // of memory, and the flush that can fail releases the lock itself.
        _json.Flush();
        _json.Reset();
        var end = _buffer.GetSpan(Airbyte.RecordEnvelope.MaxEndLength + 1);
        var length = Airbyte.RecordEnvelope.FormatEnd(emittedAt, end);
        end[length++] = (byte)'\n';
        _buffer.Advance(length);
        if (_buffer.Length >= _flushThreshold)
        {
            FlushBufferAndExitGate();
            return;
        }
        ExitGate();
    }

    private void FlushBufferAndExitGate()
    {
        try
        {
            FlushBuffer();
        }
        finally
        {
            ExitGate();
        }
    }

    /// <summary>Appends raw bytes to the current message (pre-encoded JSON fragments).</summary>
    public void WriteRaw(ReadOnlySpan<byte> bytes)
    {
        _json.Flush();
        _buffer.Write(bytes);
    }

    /// <summary>Ends the message with a newline and releases the lock.</summary>
    public void EndMessage()
    {
        try
        {
            _json.Flush();
            _buffer.Write((byte)'\n');
            _json.Reset();
            if (_buffer.Length >= _flushThreshold)
            {
                FlushBuffer();
            }
        }
        finally
        {
            ExitGate();
        }
    }

    /// <summary>Drops a message that failed half-way, so no partial line is ever written, and releases the lock.</summary>
    public void AbortMessage()
    {
        _json.Reset();
        _buffer.Truncate(_messageStart);
        ExitGate();
    }

    /// <summary>
    /// Writes one whole message, a JSON object whose properties <paramref name="writeProperties"/> writes: if it throws,
    /// nothing of the message is written. Messages with pre-encoded fragments or spans use Begin/End/AbortMessage.
    /// </summary>
    public void WriteObject(Action<Utf8JsonWriter> writeProperties)
    {
        var json = BeginMessage();
        try
        {
            json.WriteStartObject();
            writeProperties(json);
            json.WriteEndObject();
        }
        catch
        {
            AbortMessage();
            throw;
        }
        EndMessage();
    }

    /// <summary>Writes everything buffered to the stream.</summary>
    public void Flush()
    {
        lock (_gate)
        {
            if (!IsClosed)
            {
                FlushBuffer();
            }
        }
    }

    /// <summary>Tries to flush within <paramref name="timeout"/>; used when another thread may be stuck mid-message.</summary>
    public bool TryFlush(TimeSpan timeout)
    {
#if NET9_0_OR_GREATER
        if (!_gate.TryEnter(timeout))
#else
        if (!Monitor.TryEnter(_gate, timeout))
#endif
        {
            return false;
        }
        try
        {
            if (!IsClosed)
            {
                FlushBuffer();
            }
            return true;
        }
        catch (OutputClosedException)
        {
            return false;
        }
        finally
        {
            ExitGate();
        }
    }

    /// <summary>Flushes and releases the JSON writer.</summary>
    public void Dispose()
    {
        _latencyTimer?.Dispose();
        try
        {
            Flush();
        }
        catch (OutputClosedException)
        {
            // The reader is gone; there is nobody left to tell.
        }
        _json.Dispose();
    }

    // The timer's tick: flush what is waiting, unless a message is being written right now (the next tick will).
    private void FlushPending()
    {
        try
        {
            if (_buffer.Length > 0)
            {
                TryFlush(TimeSpan.Zero);
            }
        }
        catch (Exception)
        {
            // A timer thread must not crash the process; the next write on the writing thread meets the same failure.
        }
    }

#if NET9_0_OR_GREATER
    private void EnterGate() => _gate.Enter();

    private void ExitGate() => _gate.Exit();
#else
    private void EnterGate() => Monitor.Enter(_gate);

    private void ExitGate() => Monitor.Exit(_gate);
#endif

    private void FlushBuffer()
    {
        if (_buffer.Length == 0)
        {
            return;
        }
        try
        {
            _output.Write(_buffer.WrittenSpan);
            _output.Flush();
        }
        catch (IOException ex)
        {
            IsClosed = true;
            throw new OutputClosedException(ex);
        }
        catch (ObjectDisposedException ex)
        {
            IsClosed = true;
            throw new OutputClosedException(ex);
        }
        finally
        {
            _buffer.Clear();
        }
    }
}
