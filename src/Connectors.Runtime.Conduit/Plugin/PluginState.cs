using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Connectors.Runtime.Conduit.Config;
using Connectors.Runtime.Hosting;
using Connectors.Runtime.Secrets;
using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace Connectors.Runtime.Conduit.Plugin;

/// <summary>What every service of one plugin process shares: the shutdown signal, the masker and the loggers.</summary>
internal class PluginState
{
    private readonly CancellationTokenSource _shutdown;

    protected PluginState(SecretMasker masker, ILoggerProvider loggers, CancellationTokenSource shutdown)
    {
        Masker = masker;
        Loggers = loggers;
        _shutdown = shutdown;
    }

    /// <summary>Cancelled when Conduit calls Shutdown or the process is asked to stop.</summary>
    public CancellationToken Stopping => _shutdown.Token;

    public SecretMasker Masker { get; }

    public ILoggerProvider Loggers { get; }

    /// <summary>Ends the process (after the current call answers).</summary>
    public void Shutdown() => _shutdown.Cancel();
}

/// <summary>
/// The plugin's state for one connector class: the connector Configure bound, the source or destination session Conduit
/// drives, and the author's lifecycle hooks, called as Conduit's calls arrive (docs/conduit.md#lifecycle-hooks).
/// </summary>
internal sealed class PluginState<TConnector> : PluginState, IAsyncDisposable where TConnector : class
{
    public PluginState(ConnectorDescriptor<TConnector> descriptor, SecretMasker masker, ILoggerProvider loggers, CancellationTokenSource shutdown,
        LifecycleHookRunner<TConnector> hooks)
        : base(masker, loggers, shutdown)
    {
        Descriptor = descriptor;
        Hooks = hooks;
        Logger = loggers.CreateLogger(descriptor.Name);
    }

    public ConnectorDescriptor<TConnector> Descriptor { get; }

    /// <summary>The author's hooks and the ConnectorContext they take.</summary>
    public LifecycleHookRunner<TConnector> Hooks { get; }

    private ILogger Logger { get; }

    /// <summary>The connector Configure bound, with the host's own settings; null before Configure.</summary>
    public Configured<TConnector>? Configured { get; private set; }

    /// <summary>Released at Teardown or at exit, whichever comes first.</summary>
    public IAsyncDisposable? Session { get; set; }

    /// <summary>
    /// Configure: binds the map, lets <c>[ValidateConfig]</c> judge the bound connector, then calls <c>[OnInitializing]</c>
    /// and <c>[OnInitialized]</c> (under Conduit the configuration is bound before either: Conduit creates the connector from it).
    /// </summary>
    /// <exception cref="RpcException">InvalidArgument: the map does not bind or <c>[ValidateConfig]</c> rejects it; Internal: a hook threw.</exception>
    public async Task ConfigureAsync(IReadOnlyDictionary<string, string> config)
    {
        var configured = await BindAsync(config, validate: true).ConfigureAwait(false);
        await DisposeAsync().ConfigureAwait(false);
        Configured = configured;
        await CallAsync(LifecycleHookKind.OnInitializing).ConfigureAwait(false);
        await CallAsync(LifecycleHookKind.OnInitialized).ConfigureAwait(false);
    }

    /// <summary>LifecycleOnCreated and LifecycleOnUpdated: <c>[OnConnectorUpdated]</c> (on the configured connector, or one bound to <paramref name="config"/>).</summary>
    public async Task ConfigChangedAsync(IReadOnlyDictionary<string, string> config)
    {
        Configured ??= await BindAsync(config, validate: false).ConfigureAwait(false);
        await CallAsync(LifecycleHookKind.OnConnectorUpdated).ConfigureAwait(false);
    }

    /// <summary>LifecycleOnDeleted (a fresh process, no Configure): <c>[OnConnectorDeleted]</c> on a connector bound to the last configuration.</summary>
    public async Task DeletedAsync(IReadOnlyDictionary<string, string> config)
    {
        Configured ??= await BindAsync(config, validate: false).ConfigureAwait(false);
        await CallAsync(LifecycleHookKind.OnConnectorDeleted).ConfigureAwait(false);
    }

    /// <summary>Open: the operating status becomes RUNNING, reporting starts (heartbeats, health, metrics: until Teardown), then <c>[OnStart]</c>.</summary>
    public Task StartedAsync()
    {
        Hooks.Status = OperatingStatus.Running;
        Hooks.StartReporting();
        return CallAsync(LifecycleHookKind.OnStart);
    }

    /// <summary>Stop (and Teardown after a Run that was not stopped): the status becomes IDLE, then <c>[OnStop]</c>; once.</summary>
    public Task StoppedAsync()
    {
        if (Hooks.Status != OperatingStatus.Running)
        {
            return Task.CompletedTask;
        }
        Hooks.Status = OperatingStatus.Idle;
        return CallAsync(LifecycleHookKind.OnStop);
    }

    /// <summary>
    /// Teardown: the session is released, <c>[OnStop]</c> if the connector was still running, <c>[OnShutdown]</c>, then the
    /// polls the hooks started stop and the connector is disposed, whether or not a hook failed.
    /// </summary>
    /// <exception cref="RpcException">Internal: a hook threw (after everything was released).</exception>
    public async Task TeardownAsync()
    {
        var session = Session;
        Session = null;
        if (session is not null)
        {
            await session.DisposeAsync().ConfigureAwait(false);
        }
        if (Configured is not { } configured)
        {
            return;
        }
        RpcException? failure = null;
        foreach (var step in new Func<Task>[] { StoppedAsync, () => CallAsync(LifecycleHookKind.OnShutdown) })
        {
            try
            {
                await step().ConfigureAwait(false);
            }
            catch (RpcException ex)
            {
                failure ??= ex;
            }
        }
        Configured = null;
        await Hooks.StopBackgroundWorkAsync().ConfigureAwait(false);
        await configured.DisposeAsync().ConfigureAwait(false);
        if (failure is not null)
        {
            throw failure;
        }
    }

    /// <summary>At exit without Teardown (SIGTERM, Shutdown): Teardown's work, a failing hook logged.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await TeardownAsync().ConfigureAwait(false);
        }
        catch (RpcException ex)
        {
            Logger.LogError("{Problem}", ex.Status.Detail);
        }
    }

    private async Task<Configured<TConnector>> BindAsync(IReadOnlyDictionary<string, string> config, bool validate)
    {
        var configured = Configured<TConnector>.Bind(Descriptor, config, Masker);
        string? rejection;
        try
        {
            rejection = validate ? await Hooks.ValidateAsync(configured.Connector).ConfigureAwait(false) : null;
        }
        catch (LifecycleHookException ex)
        {
            await configured.DisposeAsync().ConfigureAwait(false);
            throw Failed(ex);
        }
        if (rejection is not null)
        {
            await configured.DisposeAsync().ConfigureAwait(false);
            throw new RpcException(new Status(StatusCode.InvalidArgument, Masker.Apply($"The configuration was rejected by [ValidateConfig]: {rejection}")));
        }
        return configured;
    }

    private Task CallAsync(LifecycleHookKind kind) =>
        Configured is { } configured ? Call(configured.Connector, kind) : Task.CompletedTask;

    private async Task Call(TConnector connector, LifecycleHookKind kind)
    {
        try
        {
            await Hooks.CallAsync(connector, kind).ConfigureAwait(false);
        }
        catch (LifecycleHookException ex)
        {
            throw Failed(ex);
        }
    }

    private RpcException Failed(LifecycleHookException ex)
    {
        var message = Masker.Apply(ex.Message);
        Logger.LogError(ex.InnerException, "{Problem}", message);
        return new RpcException(new Status(StatusCode.Internal, message));
    }
}
