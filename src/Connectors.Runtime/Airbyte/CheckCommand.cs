using System;
using System.Threading.Tasks;
using Connectors.Runtime.Hosting;

namespace Connectors.Runtime.Airbyte;

/// <summary>
/// <c>check</c>: exactly one CONNECTION_STATUS. A config that does not bind, a failed check result or a
/// <see cref="ConfigException"/> is FAILED with exit code 0; an unexpected exception is a TRACE ERROR and exit code 1.
/// </summary>
internal static class CheckCommand
{
    public static async Task<int> RunAsync<TConnector>(AirbyteSession<TConnector> session) where TConnector : class
    {
        var binding = ConfigBinding<TConnector>.Load(session.Context, session.Context.CommandLine.Option("config")!, session.Logger);
        if (binding.Connector is not { } connector)
        {
            session.Writer.WriteConnectionStatus(false, binding.Problem);
            return ExitCodes.Success;
        }
        try
        {
            var check = session.Descriptor.Check;
            var result = check is null
                ? CheckResult.Success()
                : await check(connector, new CheckRequest(session.Logger, session.Context.Cancellation)).ConfigureAwait(false);
            session.Writer.WriteConnectionStatus(result.Succeeded, result.Message);
            return ExitCodes.Success;
        }
        catch (ConfigException ex)
        {
            session.Writer.WriteConnectionStatus(false, ex.Message);
            return ExitCodes.Success;
        }
        finally
        {
            await Disposal.DisposeAsync(connector).ConfigureAwait(false);
        }
    }
}
