using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ConduitWire.Connector.V2;
using ConduitWire.Opencdc.V1;
using Google.Protobuf;
using Grpc.Core;
using RunRequest = ConduitWire.Connector.V2.Source.Types.Run.Types.Request;
using RunResponse = ConduitWire.Connector.V2.Source.Types.Run.Types.Response;

namespace Connectors.Testing.Conduit;

/// <summary>
/// Conduit's side of a source's Run stream: it reads record batches continuously and, like Conduit once a batch went
/// through the pipeline, acknowledges each batch's positions in the order the records came.
/// </summary>
internal sealed class SourceReader : IDisposable
{
    private readonly AsyncDuplexStreamingCall<RunRequest, RunResponse> _call;
    private readonly List<Record> _received = new();
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly Task _reading;
    private long _lastArrivalTicks = DateTime.UtcNow.Ticks;

    public SourceReader(SourcePlugin.SourcePluginClient client)
    {
        _call = client.Run();
        _reading = Task.Run(ReadAsync);
    }

    /// <summary>How the plugin ended the call, once it did: null while it runs or when it ended with OK.</summary>
    public RpcException? Failure { get; private set; }

    public List<Record> Received
    {
        get
        {
            lock (_received)
            {
                return _received.ToList();
            }
        }
    }

    /// <summary>
    /// Waits until no record arrived for <paramref name="idle"/> (a source that has read everything waits for new data),
    /// the call ended, or <paramref name="limit"/> passed; returns what arrived.
    /// </summary>
    public async Task<List<Record>> ReadUntilIdleAsync(TimeSpan idle, TimeSpan limit)
    {
        var end = DateTime.UtcNow + limit;
        while (!_reading.IsCompleted && DateTime.UtcNow < end && DateTime.UtcNow - new DateTime(Interlocked.Read(ref _lastArrivalTicks), DateTimeKind.Utc) < idle)
        {
            await Task.Delay(50).ConfigureAwait(false);
        }
        return Received;
    }

    /// <summary>Waits until the record at <paramref name="position"/> arrived; false when the call ended or time ran out first.</summary>
    public async Task<bool> WaitForPositionAsync(ByteString position, TimeSpan limit)
    {
        var end = DateTime.UtcNow + limit;
        while (true)
        {
            var ended = _reading.IsCompleted;
            if (Received.Any(r => r.Position.Equals(position)))
            {
                return true;
            }
            if (ended || DateTime.UtcNow > end)
            {
                return false;
            }
            await Task.Delay(20).ConfigureAwait(false);
        }
    }

    /// <summary>Closes Conduit's side, as Conduit does once the last record's ack went back; true when the plugin then ended the call with OK.</summary>
    public async Task<bool> CloseAsync(TimeSpan limit)
    {
        await _sending.WaitAsync().ConfigureAwait(false);
        try
        {
            await _call.RequestStream.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RpcException or InvalidOperationException)
        {
            // The plugin ended the call already: Failure says how.
        }
        finally
        {
            _sending.Release();
        }
        try
        {
            await _reading.WaitAsync(limit).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return false;
        }
        return Failure is null;
    }

    public void Dispose() => _call.Dispose();

    private async Task ReadAsync()
    {
        try
        {
            while (await _call.ResponseStream.MoveNext(CancellationToken.None).ConfigureAwait(false))
            {
                var batch = _call.ResponseStream.Current.Records;
                lock (_received)
                {
                    _received.AddRange(batch);
                }
                Interlocked.Exchange(ref _lastArrivalTicks, DateTime.UtcNow.Ticks);
                if (batch.Count > 0)
                {
                    var ack = new RunRequest();
                    ack.AckPositions.AddRange(batch.Select(r => r.Position));
                    await _sending.WaitAsync().ConfigureAwait(false);
                    try
                    {
                        await _call.RequestStream.WriteAsync(ack).ConfigureAwait(false);
                    }
                    finally
                    {
                        _sending.Release();
                    }
                }
            }
        }
        catch (RpcException ex)
        {
            Failure = ex;
        }
        catch (InvalidOperationException)
        {
            // An ack after our side was closed: the plugin ends the call next.
        }
    }
}
