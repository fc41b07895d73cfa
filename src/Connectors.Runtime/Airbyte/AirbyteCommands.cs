using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Connectors.Runtime.Hosting;
using Connectors.Runtime.Json;
using Connectors.Runtime.Logging;
using Microsoft.Extensions.Logging;

namespace Connectors.Runtime.Airbyte;

/// <summary>The Airbyte protocol's commands for a connector, and what they share: the writer, the logger, error reporting.</summary>
internal static class AirbyteCommands
{
    public static IReadOnlyList<HostCommand<TConnector>> For<TConnector>(ConnectorDescriptor<TConnector> descriptor) where TConnector : class
    {
        var commands = new List<HostCommand<TConnector>>
        {
            new() { Name = "spec", Summary = "Print the connector's specification (SPEC).", RunAsync = c => Run(c, SpecCommand.RunAsync) },
            new() { Name = "check", Summary = "Check that the configuration works (CONNECTION_STATUS).", RequiredOptions = ["config"], RunAsync = c => Run(c, CheckCommand.RunAsync) },
        };
        if (descriptor.Kind == ConnectorKind.Source)
        {
            commands.Add(new() { Name = "discover", Summary = "Print the streams the connector offers (CATALOG).", RequiredOptions = ["config"], RunAsync = c => Run(c, DiscoverCommand.RunAsync) });
            commands.Add(new() { Name = "read", Summary = "Read the configured streams (RECORD, STATE, TRACE).", RequiredOptions = ["config", "catalog"], OptionalOptions = ["state"], RunAsync = c => Run(c, ReadCommand.RunAsync) });
        }
        if (descriptor.Destination is { } destination)
        {
            commands.Add(new()
            {
                Name = "write", Summary = "Write the messages on stdin into the destination (echoes STATE).", RequiredOptions = ["config", "catalog"],
                OptionalOptions = [WriteOptions.StreamsWithoutStatusOption],
                OptionValues = new Dictionary<string, string> { [WriteOptions.StreamsWithoutStatusOption] = WriteOptions.Values },
                RunAsync = destination.RunWrite,
            });
        }
        return commands;
    }

    /// <summary>Runs <c>write</c> (referenced by <see cref="DestinationHandlers{TConnector}.RunWrite"/>).</summary>
    internal static Task<int> RunWrite<TConnector>(HostContext<TConnector> context) where TConnector : class =>
        Run(context, WriteCommand.RunAsync);

    /// <summary>
    /// Runs an Airbyte command with its writer and logger, turning what escapes it into one TRACE ERROR: bad input files
    /// and <see cref="ConfigException"/> as <c>config_error</c>, anything else as <c>system_error</c>, exit code 1.
    /// </summary>
    private static async Task<int> Run<TConnector>(HostContext<TConnector> context, Func<AirbyteSession<TConnector>, Task<int>> body)
        where TConnector : class
    {
        var writer = new AirbyteWriter(context.Lines, context.Masker);
        using var loggers = context.CreateLoggerProvider(new AirbyteLogSink(writer));
        var session = new AirbyteSession<TConnector>(context, writer, loggers.CreateLogger(context.Descriptor.Name));
        try
        {
            return await body(session).ConfigureAwait(false);
        }
        catch (InputException ex)
        {
            writer.WriteError(ex.Message, FailureType.ConfigError);
            return ExitCodes.Failure;
        }
        catch (ConfigException ex)
        {
            writer.WriteError(ex.Message, FailureType.ConfigError, ex);
            return ExitCodes.Failure;
        }
        catch (OperationCanceledException) when (context.Cancellation.IsCancellationRequested)
        {
            session.Logger.LogWarning("Stopped by a signal before the {Command} command finished.", context.CommandLine.Command);
            return context.StopExitCode;
        }
        catch (Exception ex) when (ex is not Protocol.OutputClosedException)
        {
            writer.WriteError($"The {context.CommandLine.Command} command failed: {ex.Message}", FailureType.SystemError, ex);
            return ExitCodes.Failure;
        }
        finally
        {
            writer.Lines.Flush();
        }
    }
}

/// <summary>What an Airbyte command runs with.</summary>
internal sealed record AirbyteSession<TConnector>(HostContext<TConnector> Context, AirbyteWriter Writer, ILogger Logger)
    where TConnector : class
{
    public ConnectorDescriptor<TConnector> Descriptor => Context.Descriptor;

    /// <summary>Binds the <c>--config</c> file; a config that does not bind is a <c>config_error</c>.</summary>
    public TConnector BindConfigOrThrow()
    {
        var binding = ConfigBinding<TConnector>.Load(Context, Context.CommandLine.Option("config")!, Logger);
        return binding.Connector ?? throw new InputException(binding.Problem!);
    }
}
