using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace Connectors.Runtime.Hosting;

/// <summary>
/// What every host does with an author's lifecycle hooks, in one place: call a hook (a failure names it), and let
/// <c>[ValidateConfig]</c> judge a bound instance. The command host (<c>Commands/ConnectorLifecycle</c>) and the other
/// protocol hosts (<see cref="LifecycleHookRunner{TConnector}"/>) both go through here.
/// </summary>
internal static class LifecycleHookCalls
{
    /// <summary>Calls <paramref name="hook"/>; a cancellation because the host shuts down passes through as it is.</summary>
    /// <exception cref="LifecycleHookException">The hook threw: <c>The [OnStart] hook failed: …</c>, with what it threw inside.</exception>
    public static async Task CallAsync<TConnector>(Func<TConnector, LifecycleRequest, ValueTask> hook, TConnector connector, LifecycleRequest request,
        string name, ILogger logger, CancellationToken shutdown)
    {
        logger.LogDebug("Calling the [{Hook}] hook.", name);
        try
        {
            await hook(connector, request).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !shutdown.IsCancellationRequested)
        {
            throw new LifecycleHookException($"The [{name}] hook failed: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// Lets <paramref name="judge"/> (<c>[ValidateConfig]</c>) judge <paramref name="candidate"/>: null when it accepts, else
    /// why not (its message, or a <see cref="ConfigException"/>'s). Anything else it throws propagates.
    /// </summary>
    public static async Task<string?> JudgeAsync<TConnector>(Func<TConnector, LifecycleRequest, ValueTask<CheckResult>> judge, TConnector candidate,
        LifecycleRequest request)
    {
        try
        {
            var verdict = await judge(candidate, request).ConfigureAwait(false);
            return verdict.Succeeded ? null : verdict.Message ?? "no reason given";
        }
        catch (ConfigException ex)
        {
            return ex.Message;
        }
    }
}
