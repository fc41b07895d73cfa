using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ConduitWire.Connector.V2;
using Google.Protobuf;
using Grpc.Core;
using ConduitWire.Opencdc.V1;
using RunRequest = ConduitWire.Connector.V2.Source.Types.Run.Types.Request;
using RunResponse = ConduitWire.Connector.V2.Source.Types.Run.Types.Response;

namespace Connectors.Runtime.Conduit.Tests.Driver;

/// <summary>
/// Conduit's side of a source's Run stream: like Conduit, it reads record batches continuously (also while Stop is under
/// way) and acks each batch in order once it has it; it closes its side when told, and the plugin then ends the call.
/// </summary>
internal sealed class SourceRun : IDisposable
{
    private readonly AsyncDuplexStreamingCall<RunRequest, RunResponse> _call;
    private readonly List<Record> _received = new();
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly bool _acknowledge;
    private readonly Task _reading;
    private RpcException? _failure;

    public SourceRun(SourcePlugin.SourcePluginClient client, bool acknowledge = true)
    {
        _call = client.Run();
        _acknowledge = acknowledge;
        _reading = Task.Run(ReadAsync);
    }

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

    /// <summary>Waits until <paramref name="count"/> records arrived in all; returns them.</summary>
    public async Task<List<Record>> WaitForAsync(int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(120));
        while (true)
        {
            var received = Received;
            if (received.Count >= count)
            {
                return received;
            }
            if (_reading.IsCompleted)
            {
                throw new InvalidOperationException($"The Run stream ended after {received.Count} of {count} records.", _failure);
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{received.Count} of {count} records arrived in time.");
            }
            await Task.Delay(20);
        }
    }

    /// <summary>Waits until the record at <paramref name="position"/> arrived.</summary>
    public async Task WaitForPositionAsync(ByteString position)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        while (!Received.Any(r => r.Position.Equals(position)))
        {
            if (_reading.IsCompleted || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"The record at {position.ToStringUtf8()} never arrived.", _failure);
            }
            await Task.Delay(20);
        }
    }

    public async Task AcknowledgeAsync(IEnumerable<ByteString> positions)
    {
        var request = new RunRequest();
        request.AckPositions.AddRange(positions);
        await _sending.WaitAsync();
        try
        {
            await _call.RequestStream.WriteAsync(request);
        }
        finally
        {
            _sending.Release();
        }
    }

    /// <summary>Closes Conduit's side, as Conduit does once the last record's ack went back; returns how the plugin ended the call.</summary>
    public async Task<StatusCode> CloseAsync()
    {
        await _sending.WaitAsync();
        try
        {
            await _call.RequestStream.CompleteAsync();
        }
        finally
        {
            _sending.Release();
        }
        return await EndAsync();
    }

    /// <summary>How the plugin ended the call (without closing Conduit's side).</summary>
    public async Task<StatusCode> EndAsync()
    {
        await _reading.WaitAsync(TimeSpan.FromSeconds(60));
        return _failure?.StatusCode ?? StatusCode.OK;
    }

    public RpcException? Failure => _failure;

    public void Dispose() => _call.Dispose();

    private async Task ReadAsync()
    {
        try
        {
            while (await _call.ResponseStream.MoveNext(CancellationToken.None))
            {
                var batch = _call.ResponseStream.Current.Records;
                lock (_received)
                {
                    _received.AddRange(batch);
                }
                if (_acknowledge && batch.Count > 0)
                {
                    await AcknowledgeAsync(batch.Select(r => r.Position));
                }
            }
        }
        catch (RpcException ex)
        {
            _failure = ex;
        }
        catch (InvalidOperationException)
        {
            // Acknowledging after our side was closed: the plugin ends the call next.
        }
    }
}
