using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Connectors.Runtime.Airbyte;
using Connectors.Runtime.Commands;
using Connectors.Runtime.Hosting;
using Connectors.Runtime.Tests.Support;
using Xunit;

namespace Connectors.Runtime.Tests.Seam;

/// <summary><see cref="ConnectorHost"/> speaks the protocols in its list: their commands, and a start only one of them recognises.</summary>
public sealed class ProtocolHostTests
{
    /// <summary>A third protocol, started as Conduit starts a plugin: no arguments, a cookie in the environment.</summary>
    private sealed class CookieProtocol(string commandName = "plugin") : IProtocolHost
    {
        public string Name => "cookie";

        public IReadOnlyList<HostCommand<TConnector>> Commands<TConnector>(ConnectorDescriptor<TConnector> descriptor) where TConnector : class =>
        [
            new()
            {
                Name = commandName,
                Summary = "Serve as a cookie plugin.",
                RunAsync = context =>
                {
                    context.IO.Stderr.WriteLine($"{commandName} ran for {context.Descriptor.Name} with {context.CommandLine.Arguments.Count} argument(s)");
                    return Task.FromResult(ExitCodes.Success);
                },
            },
        ];

        public string[]? Claim(IReadOnlyList<string> args, Func<string, string?> environment) =>
            args.Count == 0 && environment("COOKIE") == "let-me-in" ? [commandName] : null;
    }

    /// <summary>Adds nothing: registering it (process-wide) cannot change what the other tests see.</summary>
    private sealed class SilentProtocol : IProtocolHost
    {
        public string Name => "silent";

        public IReadOnlyList<HostCommand<TConnector>> Commands<TConnector>(ConnectorDescriptor<TConnector> descriptor) where TConnector : class => [];
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(IReadOnlyList<IProtocolHost> protocols, string[] args,
        Dictionary<string, string>? environment = null)
    {
        var stdout = new MemoryStream();
        var stderr = new StringWriter();
        var io = new HostIO(stdout, stderr, Stream.Null)
        {
            GetEnvironmentVariable = name => environment is not null && environment.TryGetValue(name, out var value) ? value : null,
        };
        var exitCode = await ConnectorHost.RunAsync(TestConnector.WithStreams(), args, io, protocols);
        return (exitCode, Encoding.UTF8.GetString(stdout.ToArray()), stderr.ToString());
    }

    [Fact]
    public void By_default_a_connector_speaks_Airbyte_then_the_command_host()
    {
        Assert.Equal(new IProtocolHost[] { AirbyteProtocol.Instance, CommandHostProtocol.Instance }, ProtocolHosts.BuiltIn);
        Assert.Equal(ProtocolHosts.BuiltIn, ProtocolHosts.Default.Take(2));
    }

    [Fact]
    public async Task A_protocols_commands_run_and_are_listed_in_protocol_order()
    {
        var (exitCode, _, stderr) = await RunAsync([AirbyteProtocol.Instance, new CookieProtocol()], ["plugin"]);
        var (_, _, usage) = await RunAsync([AirbyteProtocol.Instance, new CookieProtocol()], ["--help"]);

        Assert.Equal(0, exitCode);
        Assert.Contains("plugin ran for source-test with 0 argument(s)", stderr);
        var lines = usage.Split('\n').Select(l => l.Trim()).ToList();
        Assert.True(lines.FindIndex(l => l.StartsWith("read ")) < lines.FindIndex(l => l.StartsWith("plugin ")), usage);
        Assert.Contains(lines, l => l.StartsWith("plugin ") && l.EndsWith("Serve as a cookie plugin."));
    }

    [Fact]
    public async Task A_protocol_that_recognises_the_start_runs_its_command_without_one_on_the_command_line()
    {
        var (claimed, _, stderr) = await RunAsync([AirbyteProtocol.Instance, new CookieProtocol()], [], new() { ["COOKIE"] = "let-me-in" });
        var (unclaimed, _, usage) = await RunAsync([AirbyteProtocol.Instance, new CookieProtocol()], [], new() { ["COOKIE"] = "wrong" });
        var (withCommand, stdout, _) = await RunAsync([AirbyteProtocol.Instance, new CookieProtocol()], ["spec"], new() { ["COOKIE"] = "let-me-in" });

        Assert.Equal(0, claimed);
        Assert.Contains("plugin ran for source-test", stderr);
        Assert.Equal(ExitCodes.Usage, unclaimed);
        Assert.Contains("No command given.", usage);
        Assert.Equal(0, withCommand);
        Assert.StartsWith("{\"type\":\"SPEC\"", stdout);
    }

    [Fact]
    public async Task A_protocol_left_out_of_the_list_adds_no_commands()
    {
        var (exitCode, stdout, stderr) = await RunAsync([new CookieProtocol()], ["spec"]);

        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.Empty(stdout);
        Assert.Contains("Unknown command 'spec'.", stderr);
    }

    [Fact]
    public void Two_protocols_with_a_command_of_the_same_name_are_refused()
    {
        var thrown = Assert.Throws<ArgumentException>(() =>
            ConnectorHost.Commands(TestConnector.WithStreams(), [AirbyteProtocol.Instance, new CookieProtocol("read")]));

        Assert.StartsWith("The cookie and airbyte protocols both have a 'read' command.", thrown.Message);
    }

    [Fact]
    public void A_registered_protocol_follows_the_built_in_ones_once()
    {
        var registered = new SilentProtocol();

        ProtocolHosts.Register(registered);
        ProtocolHosts.Register(registered);
        ProtocolHosts.Register(AirbyteProtocol.Instance);

        Assert.Single(ProtocolHosts.Default, p => ReferenceEquals(p, registered));
        Assert.Single(ProtocolHosts.Default, p => ReferenceEquals(p, AirbyteProtocol.Instance));
        Assert.True(ProtocolHosts.Default.ToList().IndexOf(registered) >= ProtocolHosts.BuiltIn.Count);
    }

    [Fact]
    public void Serve_and_command_come_only_with_commands_or_hooks_and_write_only_with_a_destination()
    {
        // The command hosts and the write path are named by ConnectorCommands and DestinationHandlers (so that a native
        // source without commands compiles neither in): each command must still be there exactly when it can run.
        var source = TestConnector.WithStreams();
        var commands = new ConnectorCommands<TestSource> { CopyConfig = (_, _) => { } };
        var destination = new DestinationHandlers<TestSource> { Write = (_, _) => ValueTask.CompletedTask };

        Assert.Equal(["spec", "check", "discover", "read"], CommandNames(Described(source)));
        Assert.Equal(["spec", "check", "discover", "read", "serve", "command"], CommandNames(Described(source, commands: commands)));
        Assert.Equal(["spec", "check", "write"], CommandNames(Described(source, destination: destination)));
        Assert.Equal(["spec", "check", "write", "serve", "command"], CommandNames(Described(source, commands, destination)));
    }

    private static ConnectorDescriptor<TestSource> Described(ConnectorDescriptor<TestSource> source,
        ConnectorCommands<TestSource>? commands = null, DestinationHandlers<TestSource>? destination = null) => new()
        {
            Name = source.Name,
            Version = source.Version,
            Kind = destination is null ? ConnectorKind.Source : ConnectorKind.Destination,
            ConfigSchema = source.ConfigSchema,
            Create = source.Create,
            BindConfig = source.BindConfig,
            Commands = commands,
            Destination = destination,
        };

    private static string[] CommandNames(ConnectorDescriptor<TestSource> descriptor) =>
        ConnectorHost.Commands(descriptor, ProtocolHosts.BuiltIn).Select(c => c.Name).ToArray();
}
