using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Connectors.Runtime.Hosting;
using Connectors.Runtime.Protocol;
using Microsoft.Extensions.Logging;

namespace Connectors.Runtime.Airbyte;

/// <summary>
/// <c>write</c>: binds the config, checks the catalog against what the destination implements, then writes the
/// messages on stdin (see <see cref="WriteSession{TConnector}"/>). A bad catalog or input line is a TRACE ERROR
/// <c>config_error</c>, a failure of the destination's code a <c>system_error</c> (or <c>config_error</c> for a
/// <see cref="ConfigException"/>); either way the exit code is 1 and no state past the last commit was echoed. An input
/// that ends with streams that did not complete is a TRACE ERROR too (<c>transient_error</c> when a stream got no
/// terminal status, <c>system_error</c> when the source reported streams incomplete), exit code 1, as Airbyte's
/// destinations do.
/// </summary>
internal static class WriteCommand
{
    public static async Task<int> RunAsync<TConnector>(AirbyteSession<TConnector> session) where TConnector : class
    {
        var context = session.Context;
        var handlers = session.Descriptor.Destination!;
        var completeWithoutStatus = WriteOptions.CompleteStreamsWithoutStatus(context.CommandLine, Environment.GetEnvironmentVariable);
        var connector = session.BindConfigOrThrow();
        try
        {
            var catalog = ConfiguredCatalog.Load(context.CommandLine.Option("catalog")!);
            var problems = new List<(string Problem, StreamKey Stream)>();
            var streams = WritePlan.Create(catalog, handlers, problems);
            if (problems.Count > 0)
            {
                foreach (var (problem, stream) in problems)
                {
                    session.Writer.WriteError(problem, FailureType.ConfigError, stream: stream);
                }
                return ExitCodes.Failure;
            }
            session.Logger.LogInformation("Writing {Count} stream(s): {Streams}.", streams.Count, string.Join(", ", streams.Select(s => s.ToString())));
            var lines = new LineReader(context.IO.Stdin);
            var write = new WriteSession<TConnector>(connector, handlers, streams, lines, context.Lines, session.Logger, context.Cancellation,
                completeWithoutStatus);
            try
            {
                await write.RunAsync().ConfigureAwait(false);
                return ExitCodes.Success;
            }
            catch (InputLineException ex)
            {
                session.Writer.WriteError(ex.Message, FailureType.ConfigError, stream: ex.Stream);
                return ExitCodes.Failure;
            }
            catch (IncompleteStreamsException ex)
            {
                session.Writer.WriteError(ex.Message, ex.FailureType);
                return ExitCodes.Failure;
            }
            catch (DestinationCodeException ex)
            {
                var failureType = ex.InnerException is ConfigException ? FailureType.ConfigError : FailureType.SystemError;
                session.Writer.WriteError(ex.Message, failureType, ex.InnerException, ex.Stream);
                return ExitCodes.Failure;
            }
        }
        finally
        {
            // Disposing rolls back whatever the destination had not committed.
            await Disposal.DisposeAsync(connector).ConfigureAwait(false);
        }
    }
}
