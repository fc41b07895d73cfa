using System;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Connectors;
using Connectors.Runtime;
using Connectors.Runtime.Hosting;
using Microsoft.Win32.SafeHandles;

namespace Broken;

/// <summary>
/// The reference source as a Conduit plugin with a bug outside its stream methods: in its <c>Main</c> (what it does
/// around the runtime's host) or in the description it hands the host (a hand-written <c>Main</c> may adapt the
/// generated one: <see cref="ConnectorHost.RunAsync{TConnector}(ConnectorDescriptor{TConnector}, string[])"/>). The
/// runtime's Conduit host runs it unchanged, so each breakage is one an author could make.
/// </summary>
internal static class BrokenConduit
{
    /// <summary>A config the binder of <c>conduit-binder-ignores-config</c> binds whatever Conduit sent (its key is not the kit's secret).</summary>
    private const string BakedConfig = """{"api_key": "baked-in-key-0000", "count": 100, "checkpoint_every": 40}""";

    private static int s_created;

    public static async Task<int> RunSourceAsync(string[] args)
    {
        var startedByConduit = Environment.GetEnvironmentVariable("CONDUIT_PLUGIN_MAGIC_COOKIE") is not null;
        if (!startedByConduit && BrokenCase.Is("conduit-no-cookie-exits-0"))
        {
            // Serves nothing, says nothing, and reports success: a caller cannot tell it did not run.
            return 0;
        }
        var terminated = false;
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, _ => terminated = true);

        var exitCode = await ConnectorHost.RunAsync(Describe(DescriptorOf<ReferenceSource>()), args);

        var configured = Volatile.Read(ref s_created) > 0;
        if (startedByConduit && !configured && BrokenCase.Is("conduit-stdout-line-at-exit"))
        {
            // A goodbye on stdout after the handshake, when the plugin stops without ever being configured.
            using var stdout = new FileStream(new SafeFileHandle(1, ownsHandle: false), FileAccess.Write, bufferSize: 0);
            stdout.Write(Encoding.UTF8.GetBytes("plugin stopped\n"));
        }
        if (startedByConduit && !configured && BrokenCase.Is("conduit-exit-1-unconfigured"))
        {
            return 1;
        }
        if (startedByConduit && ReferenceSource.ReadStarted && BrokenCase.Is("conduit-exit-1-after-a-read"))
        {
            return 1;
        }
        if (terminated && BrokenCase.Is("conduit-sigterm-hangs"))
        {
            // A slow cleanup on SIGTERM: Conduit kills the plugin before it ends.
            Thread.Sleep(TimeSpan.FromSeconds(10));
        }
        return exitCode;
    }

    private static ConnectorDescriptor<T> DescriptorOf<T>() where T : class, IConnector<T> => T.Descriptor;

    /// <summary>The generated description, changed as the breakage says.</summary>
    private static ConnectorDescriptor<ReferenceSource> Describe(ConnectorDescriptor<ReferenceSource> generated) => new()
    {
        Name = generated.Name,
        Version = generated.Version,
        DocumentationUrl = generated.DocumentationUrl,
        Kind = generated.Kind,
        ConfigSchema = BrokenCase.Is("conduit-spec-wrong-default") ? WithCountDefault(generated.ConfigSchema, 7) : generated.ConfigSchema,
        Create = () =>
        {
            Interlocked.Increment(ref s_created);
            return generated.Create();
        },
        BindConfig = BrokenCase.Is("conduit-binder-ignores-config")
            // Binds a config of its own instead of the one it was given: a bad config is "accepted".
            ? (connector, _) => generated.BindConfig(connector, new ConfigReader(JsonDocument.Parse(BakedConfig).RootElement))
            : generated.BindConfig,
        StrictConfig = generated.StrictConfig,
        Check = generated.Check,
        Streams = BrokenCase.Is("conduit-stream-renamed") ? generated.Streams.Select(Renamed).ToList() : generated.Streams,
        DynamicStreams = generated.DynamicStreams,
        Destination = generated.Destination,
        Commands = BrokenCase.Is("conduit-delete-hook-fails")
            ? new ConnectorCommands<ReferenceSource>
            {
                CopyConfig = (_, _) => { },
                Hooks = new LifecycleHooks<ReferenceSource>
                {
                    OnConnectorDeleted = (_, _) => throw new IOException("the cleanup of the deleted connector's data failed"),
                },
            }
            : generated.Commands,
    };

    /// <summary>The config schema with another default for <c>count</c> than the property has: Specify shows a default the connector does not use.</summary>
    private static string WithCountDefault(string schema, int value)
    {
        var root = JsonNode.Parse(schema)!;
        root["properties"]!["count"]!["default"] = value;
        return root.ToJsonString();
    }

    /// <summary>The accounts stream under another name than the one the connector declares (its records carry that name as their collection).</summary>
    private static SourceStream<ReferenceSource> Renamed(SourceStream<ReferenceSource> stream) =>
        stream is SourceStream<ReferenceSource, Account> accounts
            ? new SourceStream<ReferenceSource, Account>
            {
                Name = accounts.Name + "_v2",
                Namespace = accounts.Namespace,
                JsonSchema = accounts.JsonSchema,
                PrimaryKey = accounts.PrimaryKey,
                SupportsIncremental = accounts.SupportsIncremental,
                SortedByCursor = accounts.SortedByCursor,
                CheckpointInterval = accounts.CheckpointInterval,
                Description = accounts.Description,
                StateShape = accounts.StateShape,
                Open = accounts.Open,
                OpenSync = accounts.OpenSync,
                WriteRecord = accounts.WriteRecord,
                Cursor = accounts.Cursor,
            }
            : stream;
}
