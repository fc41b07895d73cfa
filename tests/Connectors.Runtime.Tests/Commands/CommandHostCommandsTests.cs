using System;
using System.Linq;
using Connectors.Runtime.Commands;
using Connectors.Runtime.Tests.Support;
using Xunit;

namespace Connectors.Runtime.Tests.Commands;

/// <summary>
/// The command-line commands a connector with commands or lifecycle hooks gets, <c>serve</c> and <c>command</c>, as the
/// usage shows them; a connector without them gets neither.
/// </summary>
public sealed class CommandHostCommandsTests
{
    [Fact]
    public void A_connector_with_commands_gets_serve_and_command_with_their_options()
    {
        var descriptor = new ServedConnectorScript().Descriptor();

        var commands = CommandHostCommands.For(descriptor);

        Assert.Equal(
            [
                "serve --config <file> [--status <RUNNING|IDLE>] [--max-envelope-bytes <bytes>]",
                "command <action> --config <file> [--payload <file>] [--status <RUNNING|IDLE>]",
            ],
            commands.Select(c => c.Synopsis));
        Assert.All(commands, c => Assert.False(string.IsNullOrWhiteSpace(c.Summary), $"{c.Name} has no summary for the usage"));
        Assert.Same(descriptor.Commands!.Serve, commands[0].RunAsync);
        Assert.Same(descriptor.Commands!.RunOne, commands[1].RunAsync);
    }

    [Fact]
    public void A_connector_without_commands_gets_neither()
    {
        Assert.Empty(CommandHostCommands.For(TestConnector.Create()));
    }
}
