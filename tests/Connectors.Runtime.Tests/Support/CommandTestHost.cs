using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using Connectors.Runtime;
using Connectors.Runtime.Commands;
using Connectors.Runtime.Hosting;
using Connectors.Runtime.Protocol;

namespace Connectors.Runtime.Tests.Support;

/// <summary>A connector for in-process lifecycle tests: one config property.</summary>
internal sealed class JournalingConnector
{
    public int Version { get; set; } = 1;
}

/// <summary>
/// A hand-built description (no generator) whose hooks journal "Hook STATUS vN", and the host context a command host
/// would run it in, so the lifecycle can be driven in-process.
/// </summary>
internal sealed class CommandTestHost : IDisposable
{
    private readonly StopController _stop = new(TimeSpan.FromSeconds(3));

    /// <param name="platform">The platform services (default: local ones over a temp folder), given the folder.</param>
    /// <param name="validate">The validate hook (default: accept, or reject odd versions with <paramref name="rejectOdd"/>).</param>
    /// <param name="logger">The lifecycle's logger (default: none).</param>
    /// <param name="withHooks">False: the connector declares no hooks at all (nothing is journaled).</param>
    public CommandTestHost(string config = """{"version": 1}""", Action<JournalingConnector, string>? onHook = null, bool rejectOdd = false,
        Func<string, Connectors.Runtime.Platform.PlatformServices>? platform = null, Func<JournalingConnector, CheckResult>? validate = null,
        Microsoft.Extensions.Logging.ILogger? logger = null, bool withHooks = true)
    {
        ConfigPath = Folder.Write("config.json", config);
        var journal = Journal;
        ValueTask Hook(JournalingConnector connector, LifecycleRequest request, string name)
        {
            journal.Add($"{name} {ConnectorLifecycle<JournalingConnector>.Text(request.Status)} v{connector.Version}");
            onHook?.Invoke(connector, name);
            return default;
        }
        var descriptor = new ConnectorDescriptor<JournalingConnector>
        {
            Name = "journaling",
            Version = "1.0.0",
            ConfigSchema = "{}",
            Create = () => new JournalingConnector(),
            BindConfig = (connector, reader) =>
            {
                // As generated binders do: a key that is not "version" is an unknown property.
                reader.CheckProperties(reader.Root, "$", ["version"]);
                if (reader.Root.TryGetProperty("version", out var value) && reader.ReadInt32(value, "$.version", false, out var version)
                    && reader.CheckMinimum(version, 0, "$.version"))
                {
                    connector.Version = version;
                }
            },
            Commands = new ConnectorCommands<JournalingConnector>
            {
                CopyConfig = (source, target) => target.Version = source.Version,
                Hooks = !withHooks ? new LifecycleHooks<JournalingConnector>() : new LifecycleHooks<JournalingConnector>
                {
                    OnInitializing = (c, r) => Hook(c, r, "OnInitializing"),
                    OnInitialized = (c, r) => Hook(c, r, "OnInitialized"),
                    OnStart = (c, r) => Hook(c, r, "OnStart"),
                    OnStop = (c, r) => Hook(c, r, "OnStop"),
                    OnShutdown = (c, r) => Hook(c, r, "OnShutdown"),
                    OnConnectorUpdated = (c, r) => Hook(c, r, "OnConnectorUpdated"),
                    ValidateConfig = (c, r) => new ValueTask<CheckResult>(validate is not null ? validate(c)
                        : rejectOdd && c.Version % 2 == 1 ? CheckResult.Failed($"v{c.Version} is odd")
                        : CheckResult.Success()),
                },
            },
        };
        CommandLine.TryParse(["serve", "--config", ConfigPath], out var commandLine, out _);
        Context = new HostContext<JournalingConnector>(descriptor, commandLine, new HostIO(Stdout, new StringWriter(), Stream.Null),
            new JsonLineWriter(Stdout), _stop);
        Lifecycle = new ConnectorLifecycle<JournalingConnector>(Context, logger ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance,
            new NoRecords(), ConfigPath, platform?.Invoke(Folder.Path) ?? TestPlatform.Create(Folder.Path));
    }

    public TempDir Folder { get; } = new();

    public string ConfigPath { get; }

    public List<string> Journal { get; } = new();

    public MemoryStream Stdout { get; } = new();

    public HostContext<JournalingConnector> Context { get; }

    public ConnectorLifecycle<JournalingConnector> Lifecycle { get; }

    /// <summary>The journal after the first <paramref name="skip"/> entries.</summary>
    public List<string> Since(int skip) => Journal.GetRange(skip, Journal.Count - skip);

    public void Dispose()
    {
        _stop.Dispose();
        Folder.Dispose();
    }

    private sealed class NoRecords : RecordOutput
    {
        public override void Emit<TRecord>(string stream, TRecord record) => throw new NotSupportedException();
    }
}
