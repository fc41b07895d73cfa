using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Connectors.Runtime.Hosting;
using Connectors.Runtime.Protocol;
using Microsoft.Extensions.Logging;

namespace Connectors.Runtime.Commands;

/// <summary>
/// <c>serve</c>: reads command envelopes, one JSON object per line, from stdin and writes exactly one response per line
/// on stdout. The rules (docs/commands.md):
/// <list type="bullet">
/// <item>Built-in actions run one at a time, in arrival order, each after the previous one has been answered.</item>
/// <item>A custom command starts once every built-in that arrived before it has been answered, so it sees their
/// effects; custom commands run concurrently with each other and with later built-ins.</item>
/// <item>Stop, Shutdown and the end of input first wait for the custom commands that arrived before them, up to the grace
/// period; those still running are then cancelled, and answer so (or are answered for, if they ignore it).</item>
/// <item>Only commands that arrive after Shutdown (or the end of input) are refused. A stop signal or a closed stdout
/// cancels everything at once: commands not yet started are answered without running.</item>
/// </list>
/// A line that is not a valid envelope, or longer than the limit, gets a FAILURE and serving goes on.
/// </summary>
internal sealed class CommandServer<TConnector> where TConnector : class
{
    /// <summary>The default longest envelope line, in bytes.</summary>
    public const int DefaultMaxEnvelopeBytes = 16 * 1024 * 1024;

    private static readonly Task Never = new TaskCompletionSource().Task;

    private readonly HostContext<TConnector> _host;
    private readonly CommandSession<TConnector> _session;
    private readonly int _maxEnvelopeBytes;
    private readonly TimeSpan _grace;
    private readonly TimeSpan _cancelWait;
    private readonly string? _connectorId;
    private readonly object _gate = new();
    private readonly HashSet<CommandTicket> _unanswered = new();
    private readonly List<CommandTicket> _customs = new();
    private readonly TaskCompletionSource _outputClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _builtIns = Task.CompletedTask;
    private string? _refusal;
    private volatile string? _abandoned;

    /// <param name="host">The host context.</param>
    /// <param name="session">The connector's session, initialized.</param>
    /// <param name="maxEnvelopeBytes">The longest line read.</param>
    /// <param name="grace">How long Stop and Shutdown wait for running commands, and the shutdown for its hook.</param>
    /// <param name="cancelWait">How long a cancelled command has to answer before it is answered for.</param>
    public CommandServer(HostContext<TConnector> host, CommandSession<TConnector> session, int maxEnvelopeBytes, TimeSpan grace,
        TimeSpan cancelWait)
    {
        _host = host;
        _session = session;
        _maxEnvelopeBytes = maxEnvelopeBytes;
        _grace = grace;
        _cancelWait = cancelWait;
        _connectorId = host.IO.GetEnvironmentVariable("CONNECTOR_ID");
    }

    public static async Task<int> RunAsync(HostContext<TConnector> host)
    {
        if (!CommandSession<TConnector>.TryReadStatus(host, OperatingStatus.Running, out var status)
            || !TryReadMaxEnvelopeBytes(host, out var maxEnvelopeBytes))
        {
            return ExitCodes.Usage;
        }
        if (CommandSession<TConnector>.TryCreate(host) is not { } session)
        {
            return ExitCodes.Usage;
        }
        try
        {
            if (await session.InitializeAsync(status).ConfigureAwait(false) is not null)
            {
                return ExitCodes.Failure;
            }
            session.StartReporting();
            var grace = ConnectorHost.StopGracePeriod;
            var cancelWait = TimeSpan.FromTicks(Math.Min(grace.Ticks, TimeSpan.FromSeconds(1).Ticks));
            return await new CommandServer<TConnector>(host, session, maxEnvelopeBytes, grace, cancelWait).ServeAsync().ConfigureAwait(false);
        }
        finally
        {
            await session.CloseAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Serves until Shutdown, the end of input, a stop signal or a closed stdout; returns the exit code.</summary>
    public async Task<int> ServeAsync()
    {
        var input = CommandInput.Start(_host.IO.Stdin, _maxEnvelopeBytes);
        _host.OnForcedExit(() => AnswerAll("the grace period after the stop signal ran out"));
        var signal = Task.Delay(Timeout.Infinite, _host.Cancellation);
        _session.Log.LogInformation("Serving commands: one JSON object per line on stdin (at most {MaxEnvelopeBytes} bytes), responses on stdout.",
            _maxEnvelopeBytes);
        Task<Arrival?>? next = input.NextAsync();
        Task? shutdown = null;
        try
        {
            while (true)
            {
                var first = await Task.WhenAny(next ?? Never, signal, _outputClosed.Task, shutdown ?? Never).ConfigureAwait(false);
                if (first == signal)
                {
                    await StopNowAsync(shutdown, "the connector received a stop signal").ConfigureAwait(false);
                    return _host.StopExitCode;
                }
                if (first == _outputClosed.Task)
                {
                    await StopNowAsync(shutdown, "stdout is closed").ConfigureAwait(false);
                    return ExitCodes.OutputClosed;
                }
                if (first == shutdown)
                {
                    AnswerAll("it was still running when the shutdown finished");
                    return _outputClosed.Task.IsCompleted ? ExitCodes.OutputClosed : ExitCodes.Success;
                }
                var arrival = await next!.ConfigureAwait(false);
                if (arrival is null)
                {
                    next = null;
                    if (shutdown is null)
                    {
                        _refusal = "the end of input";
                        shutdown = ShutdownAsync(null, "the end of input");
                    }
                    continue;
                }
                next = input.NextAsync();
                var started = Dispatch(arrival);
                shutdown ??= started;
            }
        }
        finally
        {
            input.Stop();
        }
    }

    /// <summary>Starts what an arrival asks for; returns the shutdown it started, if it was Shutdown.</summary>
    private Task? Dispatch(Arrival arrival)
    {
        if (arrival.Envelope is not { } envelope)
        {
            _session.Log.LogWarning("Rejected the command on line {Line}: {Problem}", arrival.Line, arrival.Problem);
            Respond(arrival.Id, CommandResult.Failure(arrival.Problem!));
            return null;
        }
        var action = envelope.Action;
        if (_refusal is { } refusal)
        {
            Respond(envelope.Id, CommandResult.Failure($"'{action}' was not run: it arrived after {refusal}, and the connector is shutting down."));
            return null;
        }
        if (!IsForMe(envelope))
        {
            Respond(envelope.Id, CommandResult.Failure($"The command is for connector '{envelope.TargetId}', and this is connector '{_connectorId}'."));
            return null;
        }
        var ticket = new CommandTicket(envelope.Id, action, arrival.Line);
        var previous = _builtIns;
        lock (_gate)
        {
            _unanswered.Add(ticket);
        }
        if (action == TetraScienceActions.Shutdown)
        {
            _refusal = $"Shutdown (command '{envelope.Id}')";
            return ShutdownAsync(ticket, "Shutdown");
        }
        if (TetraScienceActions.IsBuiltIn(action))
        {
            var customs = RunningCustoms();
            var drain = action == TetraScienceActions.Stop ? customs : null;
            var started = Task.WhenAll(customs.Select(c => c.Started));
            _builtIns = Task.Run(() => RunBuiltInAsync(previous, started, ticket, envelope, drain));
        }
        else
        {
            lock (_gate)
            {
                _customs.Add(ticket);
            }
            _ = Task.Run(() => RunCustomAsync(previous, ticket, envelope));
        }
        return null;
    }

    /// <summary>
    /// Runs a built-in after the built-in before it has been answered and the custom commands before it have started
    /// (run up to their first wait), so they began with the state as it was when they arrived.
    /// </summary>
    private async Task RunBuiltInAsync(Task previous, Task customsStarted, CommandTicket ticket, CommandEnvelope envelope, CommandTicket[]? drain)
    {
        await previous.ConfigureAwait(false);
        await customsStarted.ConfigureAwait(false);
        if (_abandoned is { } why)
        {
            Answer(ticket, NotRun(ticket, why));
            return;
        }
        if (drain is not null)
        {
            await DrainAsync(drain, "the connector is stopping (Stop").ConfigureAwait(false);
        }
        await AnswerWhenDoneAsync(ticket, _session.Router.RunAsync(envelope.Id, envelope.Action, envelope.Payload, ticket)).ConfigureAwait(false);
    }

    private async Task RunCustomAsync(Task previous, CommandTicket ticket, CommandEnvelope envelope)
    {
        Task<CommandResult>? running = null;
        try
        {
            await previous.ConfigureAwait(false);
            if (_abandoned is { } why)
            {
                Answer(ticket, NotRun(ticket, why));
            }
            else if (ticket.CancelReason is { } reason)
            {
                Answer(ticket, NotRun(ticket, reason));
            }
            else
            {
                running = _session.Router.RunAsync(envelope.Id, envelope.Action, envelope.Payload, ticket);
            }
        }
        finally
        {
            ticket.MarkStarted();
        }
        try
        {
            if (running is not null)
            {
                await AnswerWhenDoneAsync(ticket, running).ConfigureAwait(false);
            }
        }
        finally
        {
            lock (_gate)
            {
                _customs.Remove(ticket);
            }
        }
    }

    private async Task AnswerWhenDoneAsync(CommandTicket ticket, Task<CommandResult> running)
    {
        try
        {
            Answer(ticket, await running.ConfigureAwait(false));
        }
        catch (OutputClosedException)
        {
            // A record the command emitted found stdout closed.
            _outputClosed.TrySetResult();
        }
    }

    /// <summary>
    /// Shuts down once every built-in received before has been answered and the custom commands received before have
    /// answered (or were cancelled after the grace period), then answers the Shutdown command, if there was one.
    /// </summary>
    private async Task ShutdownAsync(CommandTicket? ticket, string what)
    {
        var previous = _builtIns;
        var customs = RunningCustoms();
        _session.Log.LogInformation("Shutting down ({Reason}) once the commands received before have been answered.", what);
        if (await Task.WhenAny(previous, Task.Delay(_grace)).ConfigureAwait(false) != previous)
        {
            // A hook that never returns must not keep the connector from shutting down: what waits behind it is answered last.
            _session.Log.LogWarning("A built-in command still runs after {Grace} s; shutting down without it.", Seconds(_grace));
            _abandoned ??= "the connector is shutting down";
        }
        await DrainAsync(customs, $"the connector is shutting down ({what}").ConfigureAwait(false);
        try
        {
            var result = await _session.ShutdownAsync(ticket?.Id, _grace).ConfigureAwait(false);
            if (ticket is not null)
            {
                Answer(ticket, result);
            }
        }
        catch (OutputClosedException)
        {
            _outputClosed.TrySetResult();
        }
    }

    /// <summary>A stop signal or a closed stdout: cancel everything now, shut down, answer whatever is left.</summary>
    private async Task StopNowAsync(Task? shutdown, string why)
    {
        _session.Log.LogWarning("Stopping at once: {Reason}.", why);
        _abandoned = why;
        _refusal ??= why;
        foreach (var ticket in RunningCustoms())
        {
            ticket.Cancel(why);
        }
        shutdown ??= ShutdownAsync(null, why);
        await Task.WhenAny(shutdown, Task.Delay(_grace + _grace + _cancelWait)).ConfigureAwait(false);
        AnswerAll(why);
    }

    /// <summary>
    /// Waits for <paramref name="tickets"/> to be answered, up to the grace period; cancels those still running, waits a
    /// little more, and answers for any that ignore the cancellation. <paramref name="what"/> opens a parenthesis.
    /// </summary>
    private async Task DrainAsync(IReadOnlyCollection<CommandTicket> tickets, string what)
    {
        var pending = tickets.Where(t => !t.IsAnswered).ToList();
        if (pending.Count == 0)
        {
            return;
        }
        _session.Log.LogInformation("Waiting up to {Grace} s for {Count} running command(s): {Commands}.", Seconds(_grace), pending.Count,
            string.Join(", ", pending.Select(t => $"'{t.Id}'")));
        await WhenAnsweredAsync(pending, _grace).ConfigureAwait(false);
        pending.RemoveAll(t => t.IsAnswered);
        if (pending.Count == 0)
        {
            return;
        }
        var reason = $"{what} came while it ran, and it did not finish within the grace period of {Seconds(_grace)} s)";
        foreach (var ticket in pending)
        {
            ticket.Cancel(reason);
        }
        await WhenAnsweredAsync(pending, _cancelWait).ConfigureAwait(false);
        foreach (var ticket in pending.Where(t => !t.IsAnswered))
        {
            _session.Log.LogWarning("'{Command}' ignored its cancellation; it is no longer waited for.", ticket.Action);
            // The reason it was cancelled with first: a stop signal's, if that came before this wait ran out.
            Answer(ticket, CommandResult.Failure($"'{ticket.Action}' was cancelled: {ticket.CancelReason}; it did not stop within {Seconds(_cancelWait)} s,"
                + " so its result, if it ever has one, will not be written."));
        }
    }

    private static async Task WhenAnsweredAsync(IEnumerable<CommandTicket> tickets, TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        var all = Task.WhenAll(tickets.Select(t => t.Answered));
        await Task.WhenAny(all, Task.Delay(Timeout.Infinite, timeout.Token)).ConfigureAwait(false);
    }

    /// <summary>Answers every command not answered yet (the server is about to return).</summary>
    private void AnswerAll(string why)
    {
        CommandTicket[] left;
        lock (_gate)
        {
            left = _unanswered.OrderBy(t => t.Line).ToArray();
        }
        foreach (var ticket in left)
        {
            Answer(ticket, CommandResult.Failure($"'{ticket.Action}' has no result: the connector exited first ({why})."));
        }
    }

    private static CommandResult NotRun(CommandTicket ticket, string why) =>
        CommandResult.Failure($"'{ticket.Action}' was not run: {why}.");

    private CommandTicket[] RunningCustoms()
    {
        lock (_gate)
        {
            return _customs.ToArray();
        }
    }

    private bool IsForMe(CommandEnvelope envelope) =>
        envelope.TargetId is null || string.IsNullOrEmpty(_connectorId) || envelope.TargetId == _connectorId;

    /// <summary>Writes the one response a ticket gets; later calls for the same ticket do nothing.</summary>
    private void Answer(CommandTicket ticket, CommandResult result)
    {
        if (!ticket.TryClaim())
        {
            return;
        }
        Respond(ticket.Id, result);
        lock (_gate)
        {
            _unanswered.Remove(ticket);
        }
        ticket.MarkAnswered();
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

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);

    private static bool TryReadMaxEnvelopeBytes(HostContext<TConnector> host, out int bytes)
    {
        bytes = DefaultMaxEnvelopeBytes;
        if (host.CommandLine.Option("max-envelope-bytes") is not { } text)
        {
            return true;
        }
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out bytes) && bytes >= 1024 && bytes <= 1024 * 1024 * 1024)
        {
            return true;
        }
        host.IO.Stderr.WriteLine($"error: --max-envelope-bytes must be a whole number of bytes from 1024 to 1073741824, got '{text}'.");
        return false;
    }
}
