using System;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Connectors.Runtime.Hosting;
using Connectors.Runtime.Protocol;
using Microsoft.Extensions.Logging;

namespace Connectors.Runtime.Commands;

/// <summary>
/// <c>serve</c>: reads command envelopes, one JSON object per line, from stdin and writes one response per command on
/// stdout. Custom commands (and the read-only built-ins) run concurrently; Start, Stop, UpdateConfig and Shutdown run one
/// at a time, in arrival order. A line that is not a valid envelope gets a FAILURE and the server keeps reading. The
/// end of stdin, a Shutdown command or SIGTERM/SIGINT shut the connector down.
/// </summary>
internal sealed class CommandServer<TConnector> where TConnector : class
{
    private readonly HostContext<TConnector> _host;
    private readonly CommandSession<TConnector> _session;
    private readonly SemaphoreSlim _lifecycleGate = new(1, 1);
    private readonly ConcurrentDictionary<Task, bool> _running = new();
    private readonly TaskCompletionSource _outputClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly string? _connectorId = Environment.GetEnvironmentVariable("CONNECTOR_ID");

    public CommandServer(HostContext<TConnector> host, CommandSession<TConnector> session)
    {
        _host = host;
        _session = session;
    }

    public static async Task<int> RunAsync(HostContext<TConnector> host)
    {
        if (!CommandSession<TConnector>.TryReadStatus(host, OperatingStatus.Running, out var status))
        {
            return ExitCodes.Usage;
        }
        var session = new CommandSession<TConnector>(host);
        if (await session.InitializeAsync(status).ConfigureAwait(false) is not null)
        {
            return ExitCodes.Failure;
        }
        return await new CommandServer<TConnector>(host, session).ServeAsync().ConfigureAwait(false);
    }

    private async Task<int> ServeAsync()
    {
        // Not disposed: a read may still be pending on stdin when the server stops, and stdin is the process's.
        var input = new StreamReader(_host.IO.Stdin, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true, 4096, leaveOpen: true);
        var signal = Task.Delay(Timeout.Infinite, _host.Cancellation);
        _session.Log.LogInformation("Serving commands: one JSON object per line on stdin, responses on stdout.");
        while (true)
        {
            var read = ReadLineAsync(input);
            var first = await Task.WhenAny(read, signal, _outputClosed.Task).ConfigureAwait(false);
            if (first == signal)
            {
                await ShutdownAsync(null, "stop signal").ConfigureAwait(false);
                return _host.StopExitCode;
            }
            if (first == _outputClosed.Task)
            {
                await ShutdownAsync(null, "stdout closed").ConfigureAwait(false);
                return ExitCodes.OutputClosed;
            }
            var line = await read.ConfigureAwait(false);
            if (line is null)
            {
                await ShutdownAsync(null, "end of input").ConfigureAwait(false);
                return _outputClosed.Task.IsCompleted ? ExitCodes.OutputClosed : ExitCodes.Success;
            }
            if (line.Trim().Length == 0)
            {
                continue;
            }
            if (!CommandEnvelope.TryParse(line, out var envelope, out var id, out var problem))
            {
                _session.Log.LogWarning("Rejected a command: {Problem}", problem);
                Respond(id, CommandResult.Failure(problem!));
                continue;
            }
            if (envelope!.Action == TetraScienceActions.Shutdown && IsForMe(envelope))
            {
                await ShutdownAsync(envelope.Id, "Shutdown command").ConfigureAwait(false);
                return _outputClosed.Task.IsCompleted ? ExitCodes.OutputClosed : ExitCodes.Success;
            }
            Track(TetraScienceActions.ChangesLifecycle(envelope.Action) ? Task.Run(() => RunSerializedAsync(envelope)) : Task.Run(() => RunAsync(envelope)));
        }
    }

    private static async Task<string?> ReadLineAsync(StreamReader input)
    {
        try
        {
            return await input.ReadLineAsync().ConfigureAwait(false);
        }
        catch (IOException)
        {
            // A broken stdin ends the input like EOF.
            return null;
        }
    }

    private async Task RunSerializedAsync(CommandEnvelope envelope)
    {
        await _lifecycleGate.WaitAsync().ConfigureAwait(false);
        try
        {
            await RunAsync(envelope).ConfigureAwait(false);
        }
        finally
        {
            _lifecycleGate.Release();
        }
    }

    private async Task RunAsync(CommandEnvelope envelope)
    {
        if (!IsForMe(envelope))
        {
            Respond(envelope.Id, CommandResult.Failure($"The command is for connector '{envelope.TargetId}', and this is connector '{_connectorId}'."));
            return;
        }
        if (_session.Lifecycle.IsShuttingDown)
        {
            Respond(envelope.Id, CommandResult.Failure($"'{envelope.Action}' was not run: the connector is shutting down."));
            return;
        }
        try
        {
            Respond(envelope.Id, await _session.Router.RunAsync(envelope.Id, envelope.Action, envelope.Payload).ConfigureAwait(false));
        }
        catch (OutputClosedException)
        {
            // A record the command emitted found stdout closed.
            _outputClosed.TrySetResult();
        }
    }

    /// <summary>
    /// Shuts down after the lifecycle operation in progress, then waits (within the grace period) for running commands,
    /// whose token the shutdown cancelled, so they still answer.
    /// </summary>
    private async Task ShutdownAsync(string? commandId, string reason)
    {
        _session.Log.LogInformation("Shutting down ({Reason}).", reason);
        var grace = ConnectorHost.StopGracePeriod;
        var deadline = DateTime.UtcNow + grace;
        var result = CommandResult.Failure($"The shutdown did not finish within {grace.TotalSeconds} s; the connector exits anyway.");
        if (await _lifecycleGate.WaitAsync(grace).ConfigureAwait(false))
        {
            try
            {
                result = await _session.ShutdownAsync(commandId, Remaining(deadline)).ConfigureAwait(false);
            }
            finally
            {
                _lifecycleGate.Release();
            }
        }
        var running = Task.WhenAll(_running.Keys.ToArray());
        await Task.WhenAny(running, Task.Delay(Remaining(deadline))).ConfigureAwait(false);
        if (!running.IsCompleted)
        {
            _session.Log.LogWarning("{Count} command(s) did not finish in time.", _running.Count);
        }
        if (commandId is not null)
        {
            Respond(commandId, result);
        }
    }

    private static TimeSpan Remaining(DateTime deadline)
    {
        var left = deadline - DateTime.UtcNow;
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    private bool IsForMe(CommandEnvelope envelope) =>
        envelope.TargetId is null || string.IsNullOrEmpty(_connectorId) || envelope.TargetId == _connectorId;

    private void Track(Task task)
    {
        _running[task] = true;
        task.ContinueWith(done => _running.TryRemove(done, out _), TaskScheduler.Default);
    }

    private void Respond(string? commandId, CommandResult result)
    {
        try
        {
            _session.Responses.Write(commandId, result);
        }
        catch (OutputClosedException)
        {
            _outputClosed.TrySetResult();
        }
    }
}
