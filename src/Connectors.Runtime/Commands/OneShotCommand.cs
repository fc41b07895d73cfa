using System;
using System.Text.Json;
using System.Threading.Tasks;
using Connectors.Runtime.Hosting;
using Connectors.Runtime.Json;

namespace Connectors.Runtime.Commands;

/// <summary>
/// <c>command &lt;action&gt; --config F [--payload F]</c>: starts the connector (IDLE unless <c>--status RUNNING</c>), runs one
/// command, writes its response on stdout, shuts down, and exits 0 on SUCCESS, 1 on FAILURE.
/// </summary>
internal static class OneShotCommand
{
    public static async Task<int> RunAsync<TConnector>(HostContext<TConnector> host) where TConnector : class
    {
        if (!CommandSession<TConnector>.TryReadStatus(host, OperatingStatus.Idle, out var status))
        {
            return ExitCodes.Usage;
        }
        var action = host.CommandLine.Arguments[0];
        var commandId = Guid.NewGuid().ToString();
        if (CommandSession<TConnector>.TryCreate(host) is not { } session)
        {
            return ExitCodes.Usage;
        }
        using var stopped = host.Cancellation.Register(session.Lifecycle.CancelRunningWork);
        CommandResult result;
        if (await session.InitializeAsync(status).ConfigureAwait(false) is { } problem)
        {
            result = CommandResult.Failure(problem);
        }
        else
        {
            result = ReadPayload(host, out var payload) is { } invalid
                ? CommandResult.Failure(invalid)
                : await session.Router.RunAsync(commandId, action, payload).ConfigureAwait(false);
            if (action != TetraScienceActions.Shutdown)
            {
                await session.ShutdownAsync(null, ConnectorHost.StopGracePeriod).ConfigureAwait(false);
            }
        }
        session.Responses.Write(commandId, result);
        await session.CloseAsync().ConfigureAwait(false);
        return result.Succeeded ? ExitCodes.Success : ExitCodes.Failure;
    }

    /// <summary>The <c>--payload</c> file's JSON (an empty object without one); null, or why the file cannot be used.</summary>
    private static string? ReadPayload<TConnector>(HostContext<TConnector> host, out JsonElement payload) where TConnector : class
    {
        payload = CommandEnvelope.EmptyPayload;
        if (host.CommandLine.Option("payload") is not { } path)
        {
            return null;
        }
        try
        {
            using var document = JsonInput.Load(path, "payload");
            payload = document.RootElement.Clone();
            return null;
        }
        catch (InputException ex)
        {
            return ex.Message;
        }
    }
}
