using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using Connectors.Runtime.Airbyte;
using Connectors.Runtime.Commands;
using Connectors.Runtime.Protocol;

namespace Connectors.Runtime.Hosting;

/// <summary>
/// The entry point of a connector process: parses the command line and runs the matching command of its protocols
/// (<see cref="IProtocolHost"/>; by default <see cref="ProtocolHosts.Default"/>: Airbyte <c>spec</c>, <c>check</c>,
/// <c>discover</c>, <c>read</c>, …, and the command host) against the connector's description.
/// </summary>
public static class ConnectorHost
{
    /// <summary>How long a protocol message may wait in the output buffer before it is written to stdout.</summary>
    public static TimeSpan OutputLatency { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a stopped command may take to wind down before the process exits anyway.</summary>
    public static TimeSpan StopGracePeriod { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Runs a connector as a console process with the <see cref="ProtocolHosts.Default"/> protocols (the generated <c>Main</c> calls this).</summary>
    public static Task<int> RunAsync<TConnector>(string[] args) where TConnector : class, IConnector<TConnector> =>
        SpecShortcut.TryRunBuildTime<TConnector>(args) is { } exitCode
            ? Task.FromResult(exitCode)
            : RunAsync(TConnector.Descriptor, args, ProtocolHosts.Default);

    /// <summary>Runs a connector as a console process speaking the given protocols.</summary>
    public static Task<int> RunAsync<TConnector>(string[] args, IReadOnlyList<IProtocolHost> protocols)
        where TConnector : class, IConnector<TConnector> =>
        RunAsync(TConnector.Descriptor, args, protocols);

    /// <summary>
    /// Runs a connector as a console process from a description a hand-written <c>Main</c> adapted (for example, commands
    /// wrapped with a check of their own); SIGTERM and SIGINT stop it as they stop a generated <c>Main</c>.
    /// </summary>
    public static Task<int> RunAsync<TConnector>(ConnectorDescriptor<TConnector> descriptor, string[] args) where TConnector : class =>
        RunAsync(descriptor, args, ProtocolHosts.Default);

    /// <summary>Runs a connector as a console process from a description, speaking the given protocols.</summary>
    public static Task<int> RunAsync<TConnector>(ConnectorDescriptor<TConnector> descriptor, string[] args,
        IReadOnlyList<IProtocolHost> protocols) where TConnector : class =>
        SpecShortcut.TryRun(descriptor, args, protocols) is { } exitCode
            ? Task.FromResult(exitCode)
            : RunConsoleAsync(descriptor, args, protocols);

    private static async Task<int> RunConsoleAsync<TConnector>(ConnectorDescriptor<TConnector> descriptor, string[] args,
        IReadOnlyList<IProtocolHost> protocols) where TConnector : class
    {
        var io = HostIO.FromConsole();
        using var stop = new StopController(StopGracePeriod);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal =>
        {
            signal.Cancel = true;
            stop.Request(ExitCodes.Terminated);
        });
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, signal =>
        {
            signal.Cancel = true;
            stop.Request(ExitCodes.Interrupted);
        });
        return await RunAsync(descriptor, args, io, protocols, stop).ConfigureAwait(false);
    }

    /// <summary>Runs a connector over the given streams with the <see cref="ProtocolHosts.Default"/> protocols (in-process hosting and tests).</summary>
    public static Task<int> RunAsync<TConnector>(ConnectorDescriptor<TConnector> descriptor, string[] args, HostIO io,
        CancellationToken cancellation = default) where TConnector : class =>
        RunAsync(descriptor, args, io, ProtocolHosts.Default, cancellation);

    /// <summary>Runs a connector over the given streams, speaking the given protocols (in-process hosting and tests).</summary>
    public static async Task<int> RunAsync<TConnector>(ConnectorDescriptor<TConnector> descriptor, string[] args, HostIO io,
        IReadOnlyList<IProtocolHost> protocols, CancellationToken cancellation = default) where TConnector : class
    {
        using var stop = new StopController(StopGracePeriod);
        using var link = cancellation.Register(() => stop.Request(ExitCodes.Terminated));
        return await RunAsync(descriptor, args, io, protocols, stop).ConfigureAwait(false);
    }

    /// <summary>The commands a connector of this kind understands with the <see cref="ProtocolHosts.Default"/> protocols.</summary>
    public static IReadOnlyList<HostCommand<TConnector>> Commands<TConnector>(ConnectorDescriptor<TConnector> descriptor)
        where TConnector : class => Commands(descriptor, ProtocolHosts.Default);

    /// <summary>The commands the given protocols add for a connector of this kind, in protocol order.</summary>
    /// <exception cref="ArgumentException">Two protocols add a command of the same name.</exception>
    public static IReadOnlyList<HostCommand<TConnector>> Commands<TConnector>(ConnectorDescriptor<TConnector> descriptor,
        IReadOnlyList<IProtocolHost> protocols) where TConnector : class
    {
        var commands = new List<HostCommand<TConnector>>();
        var owners = new List<IProtocolHost>();
        foreach (var protocol in protocols)
        {
            foreach (var command in CommandsOf(protocol, descriptor))
            {
                // A handful of commands: a plain scan keeps start-up free of dictionaries and closures.
                for (var i = 0; i < commands.Count; i++)
                {
                    if (commands[i].Name == command.Name)
                    {
                        throw new ArgumentException(
                            $"The {protocol.Name} and {owners[i].Name} protocols both have a '{command.Name}' command.", nameof(protocols));
                    }
                }
                commands.Add(command);
                owners.Add(protocol);
            }
        }
        return commands;
    }

    // The built-in protocols are called directly: IProtocolHost.Commands<T> is a generic virtual method, which a native AOT
    // build resolves at run time with its type loader for a connector class, a quarter of a native `spec`'s CPU time.
    private static IReadOnlyList<HostCommand<TConnector>> CommandsOf<TConnector>(IProtocolHost protocol, ConnectorDescriptor<TConnector> descriptor)
        where TConnector : class => protocol switch
        {
            AirbyteProtocol airbyte => airbyte.Commands(descriptor),
            CommandHostProtocol commandHost => commandHost.Commands(descriptor),
            _ => protocol.Commands(descriptor),
        };

    private static async Task<int> RunAsync<TConnector>(ConnectorDescriptor<TConnector> descriptor, string[] args, HostIO io,
        IReadOnlyList<IProtocolHost> protocols, StopController stop) where TConnector : class
    {
        var commands = Commands(descriptor, protocols);
        args = Claimed(protocols, args, io) ?? args;
        if (!CommandLine.TryParse(args, out var commandLine, out var error))
        {
            return UsageError(io, descriptor, commands, error!);
        }
        if (commandLine.Help)
        {
            io.Stderr.Write(Usage(descriptor, commands));
            return ExitCodes.Success;
        }
        if (commandLine.Command is null)
        {
            return UsageError(io, descriptor, commands, "No command given.");
        }
        HostCommand<TConnector>? command = null;
        foreach (var candidate in commands)
        {
            if (candidate.Name == commandLine.Command)
            {
                command = candidate;
                break;
            }
        }
        if (command is null)
        {
            return UsageError(io, descriptor, commands, $"Unknown command '{commandLine.Command}'.");
        }
        if (Validate(command, commandLine) is { } problem)
        {
            return UsageError(io, descriptor, commands, problem);
        }

        using var lines = new JsonLineWriter(io.Stdout, maxLatency: OutputLatency);
        var context = new HostContext<TConnector>(descriptor, commandLine, io, lines, stop);
        stop.BeforeForcedExit = () =>
        {
            context.RunForcedExitActions();
            io.Console?.Flush();
            lines.TryFlush(TimeSpan.FromMilliseconds(500));
        };
        try
        {
            var exitCode = await command.RunAsync(context).ConfigureAwait(false);
            lines.Flush();
            return stop.Token.IsCancellationRequested && exitCode != ExitCodes.Success ? stop.ExitCode : exitCode;
        }
        catch (OutputClosedException)
        {
            return ExitCodes.OutputClosed;
        }
        catch (Exception ex)
        {
            // Commands report their own failures in their protocol; this is the last line of defence.
            io.Stderr.WriteLine(context.Masker.Apply(ex.ToString()));
            TryFlush(lines);
            return ExitCodes.Failure;
        }
        finally
        {
            stop.BeforeForcedExit = null;
            io.Console?.Flush();
        }
    }

    /// <summary>The command line of the first protocol that recognises how the process was started, if one does.</summary>
    private static string[]? Claimed(IReadOnlyList<IProtocolHost> protocols, string[] args, HostIO io)
    {
        foreach (var protocol in protocols)
        {
            if (protocol.Claim(args, io.GetEnvironmentVariable) is { } claimed)
            {
                return claimed;
            }
        }
        return null;
    }

    private static void TryFlush(JsonLineWriter lines)
    {
        try
        {
            lines.Flush();
        }
        catch (OutputClosedException)
        {
        }
    }

    private static string? Validate<TConnector>(HostCommand<TConnector> command, CommandLine commandLine) where TConnector : class
    {
        foreach (var option in command.RequiredOptions)
        {
            if (commandLine.Option(option) is null)
            {
                return $"The {command.Name} command needs --{option} <file>.";
            }
        }
        foreach (var option in commandLine.OptionNames)
        {
            if (!Names.Contains(command.RequiredOptions, option) && !Names.Contains(command.OptionalOptions, option))
            {
                return $"The {command.Name} command does not take --{option}.";
            }
        }
        if (commandLine.Arguments.Count != command.Arguments.Count)
        {
            return command.Arguments.Count == 0
                ? $"The {command.Name} command takes no arguments, got '{string.Join(" ", commandLine.Arguments)}'."
                : $"The {command.Name} command needs {Names.Join(command.Arguments, a => "<" + a + ">")}.";
        }
        return null;
    }


    private static int UsageError<TConnector>(HostIO io, ConnectorDescriptor<TConnector> descriptor,
        IReadOnlyList<HostCommand<TConnector>> commands, string problem) where TConnector : class
    {
        io.Stderr.WriteLine("error: " + problem);
        io.Stderr.WriteLine();
        io.Stderr.Write(Usage(descriptor, commands));
        return ExitCodes.Usage;
    }

    private static string Usage<TConnector>(ConnectorDescriptor<TConnector> descriptor, IReadOnlyList<HostCommand<TConnector>> commands)
        where TConnector : class
    {
        var synopses = new string[commands.Count];
        var width = 0;
        for (var i = 0; i < synopses.Length; i++)
        {
            synopses[i] = commands[i].Synopsis;
            width = Math.Max(width, synopses[i].Length + 3);
        }
        var text = new System.Text.StringBuilder();
        text.Append(descriptor.Name).Append(' ').Append(descriptor.Version).Append('\n');
        text.Append("Usage: ").Append(descriptor.Name).Append(" <command> [options]\n\nCommands:\n");
        for (var i = 0; i < commands.Count; i++)
        {
            text.Append("  ").Append(synopses[i].PadRight(width)).Append(commands[i].Summary).Append('\n');
        }
        text.Append("\nOptions:\n");
        text.Append("  --debug".PadRight(width + 2)).Append("Log at debug level (LOG_LEVEL=DEBUG|INFO|WARNING|ERROR|CRITICAL sets any level).\n");
        text.Append("  --help".PadRight(width + 2)).Append("Show this help.\n");
        text.Append("\nProtocol messages go to stdout, one JSON object per line; everything else goes to stderr.\n");
        return text.ToString();
    }
}
