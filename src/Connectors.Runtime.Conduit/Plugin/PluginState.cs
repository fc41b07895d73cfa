using System;
using System.Threading;
using System.Threading.Tasks;
using Connectors.Runtime.Conduit.Config;
using Connectors.Runtime.Secrets;
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

/// <summary>The plugin's state for one connector class: the source or destination session Conduit drives.</summary>
internal sealed class PluginState<TConnector> : PluginState, IAsyncDisposable where TConnector : class
{
    public PluginState(ConnectorDescriptor<TConnector> descriptor, SecretMasker masker, ILoggerProvider loggers, CancellationTokenSource shutdown)
        : base(masker, loggers, shutdown)
    {
        Descriptor = descriptor;
    }

    public ConnectorDescriptor<TConnector> Descriptor { get; }

    /// <summary>The connector Configure bound, with the host's own settings; null before Configure.</summary>
    public Configured<TConnector>? Configured { get; set; }

    /// <summary>Released at Teardown or at exit, whichever comes first.</summary>
    public IAsyncDisposable? Session { get; set; }

    public async ValueTask DisposeAsync()
    {
        var session = Session;
        Session = null;
        if (session is not null)
        {
            await session.DisposeAsync().ConfigureAwait(false);
        }
        var configured = Configured;
        Configured = null;
        if (configured is not null)
        {
            await configured.DisposeAsync().ConfigureAwait(false);
        }
    }
}
