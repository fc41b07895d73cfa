using System;
using System.Collections.Generic;
using Connectors.Runtime.Hosting;

namespace Connectors.Runtime.Commands;

/// <summary>The command-line commands of connectors that declare commands or lifecycle hooks: <c>serve</c> and <c>command</c>.</summary>
internal static class CommandHostCommands
{
    private static readonly Dictionary<string, string> StatusValue = new() { ["status"] = "RUNNING|IDLE" };

    private static readonly Dictionary<string, string> ServeValues = new() { ["status"] = "RUNNING|IDLE", ["max-envelope-bytes"] = "bytes" };

    public static IReadOnlyList<HostCommand<TConnector>> For<TConnector>(ConnectorDescriptor<TConnector> descriptor) where TConnector : class =>
        descriptor.Commands is not { } commands
            ? Array.Empty<HostCommand<TConnector>>()
            :
            [
                new()
                {
                    Name = "serve",
                    Summary = "Serve commands: JSON lines on stdin, responses on stdout, JSON logs on stderr.",
                    RequiredOptions = ["config"],
                    OptionalOptions = ["status", "max-envelope-bytes"],
                    OptionValues = ServeValues,
                    RunAsync = commands.Serve,
                },
                new()
                {
                    Name = "command",
                    Summary = "Run one command, print its response and exit (0 on SUCCESS).",
                    Arguments = ["action"],
                    RequiredOptions = ["config"],
                    OptionalOptions = ["payload", "status"],
                    OptionValues = StatusValue,
                    RunAsync = commands.RunOne,
                },
            ];
}
