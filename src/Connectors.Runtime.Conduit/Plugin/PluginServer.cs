using System;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Connectors.Runtime.Conduit.Plugin.Services;
using Connectors.Runtime.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Connectors.Runtime.Conduit.Plugin;

/// <summary>
/// The <c>conduit</c> command: checks the handshake, serves the plugin's gRPC services on Kestrel (HTTP/2 without TLS,
/// 127.0.0.1, an ephemeral port), prints the handshake line as the only stdout output, and runs until
/// <c>GRPCController.Shutdown</c> or SIGTERM.
/// </summary>
internal static class PluginServer
{
    public const string MaxReceiveKey = "CONDUIT_CONNECTOR_MAX_RECEIVE_RECORD_SIZE";
    public const string LogLevelKey = "CONDUIT_CONNECTOR_LOG_LEVEL";
    public const string ConnectorIdKey = "CONDUIT_CONNECTOR_ID";
    private const int DefaultMaxReceive = 4 * 1024 * 1024;

    public static async Task<int> RunAsync<TConnector>(HostContext<TConnector> context) where TConnector : class
    {
        var environment = context.IO.GetEnvironmentVariable;
        if (Handshake.Refusal(environment) is { } refusal)
        {
            context.IO.Stderr.WriteLine(refusal);
            return ExitCodes.Failure;
        }
        if (ConduitLogSink.ParseLevel(environment(LogLevelKey)) is { } level)
        {
            context.LogLevel.Minimum = level;
        }
        var sink = new ConduitLogSink(context.IO.Stderr, context.Masker);
        using var loggers = context.CreateLoggerProvider(sink);
        var logger = loggers.CreateLogger(context.Descriptor.Name);
        using var shutdown = CancellationTokenSource.CreateLinkedTokenSource(context.Cancellation);
        // The hooks' platform services read Conduit's environment (no HOME needed); CONDUIT_CONNECTOR_ID keeps pipelines' data apart.
        // Heartbeats, health and metrics (from Open to Teardown) are log lines: Conduit has no other channel for them.
        await using var hooks = new LifecycleHookRunner<TConnector>(context, logger, ConduitProtocol.CommandName,
            name => environment(name) ?? (name == "CONNECTOR_ID" ? environment(ConnectorIdKey) : null),
            new ConduitReporter(sink, context.LogLevel, context.Masker, context.Descriptor.Name));
        var plugin = new PluginState<TConnector>(context.Descriptor, context.Masker, loggers, shutdown, hooks);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2);
        });
        builder.Services.AddGrpc(grpc =>
        {
            grpc.MaxReceiveMessageSize = MaxReceive(environment(MaxReceiveKey));
            grpc.MaxSendMessageSize = null;
        });
        builder.Services.AddSingleton(plugin);
        builder.Services.AddSingleton<PluginState>(plugin);
        var app = builder.Build();
        app.MapGrpcService<HealthService>();
        app.MapGrpcService<ControllerService>();
        app.MapGrpcService<StdioService>();
        app.MapGrpcService<BrokerService>();
        app.MapGrpcService<SpecifierService<TConnector>>();
        app.MapGrpcService<SourceService<TConnector>>();
        app.MapGrpcService<DestinationService<TConnector>>();

        await app.StartAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            var port = Port(app);
            // The only stdout output: go-plugin's client reads this line and connects.
            var line = System.Text.Encoding.ASCII.GetBytes(Handshake.Line(port));
            await context.IO.Stdout.WriteAsync(line, CancellationToken.None).ConfigureAwait(false);
            await context.IO.Stdout.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            logger.LogDebug("Serving Conduit plugin protocol {Version} on 127.0.0.1:{Port}.", Handshake.AppProtocolVersion, port);
            try
            {
                await Task.Delay(Timeout.Infinite, shutdown.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
            logger.LogDebug(context.Cancellation.IsCancellationRequested ? "Stopping: the process was asked to stop." : "Stopping: Conduit shut the plugin down.");
        }
        finally
        {
            await plugin.DisposeAsync().ConfigureAwait(false);
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            try
            {
                await app.StopAsync(grace.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
            await app.DisposeAsync().ConfigureAwait(false);
        }
        return ExitCodes.Success;
    }

    private static int Port(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        var address = addresses.First();
        return new Uri(address).Port;
    }

    private static int? MaxReceive(string? value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var bytes) && bytes > 0 ? bytes : DefaultMaxReceive;
}
