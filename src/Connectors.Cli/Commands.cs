using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Connectors.Cli.Display;
using Connectors.Client;
using Connectors.Client.Caching;
using Connectors.Client.Destinations;
using Connectors.Client.Execution;
using Connectors.Client.Progress;
using Connectors.Client.Protocol;
using Connectors.Client.Secrets;
using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace Connectors.Cli;

/// <summary>The commands. Each returns its exit code; failures throw and <see cref="Program"/> maps them.</summary>
internal sealed class Commands
{
    private readonly Arguments _args;
    private readonly TextWriter _out;
    private readonly CancellationToken _cancellation;
    private readonly ConnectorOptions _options;
    private readonly bool _json;

    public Commands(Arguments args, TextWriter output, CancellationToken cancellation)
    {
        _args = args;
        _out = output;
        _cancellation = cancellation;
        _json = args.Has("--json");
        var providers = new List<ISecretProvider> { new EnvironmentSecretProvider(), new DotEnvSecretProvider(args["--env-file"] ?? ".env") };
        if (!args.Has("--no-prompt"))
        {
            providers.Add(new PromptSecretProvider());
        }
        _options = new ConnectorOptions
        {
            Home = args["--home"] is { } home ? new ConnectorHome(home) : ConnectorHome.Default,
            Secrets = new SecretResolver(providers),
            Logger = new StderrLogger(args.Has("--verbose") ? LogLevel.Debug : LogLevel.Warning),
            CacheSpec = !args.Has("--no-spec-cache"),
        };

    }

    public Task<int> RunAsync() => _args.Command switch
    {
        "spec" => SpecAsync(),
        "validate" => ValidateAsync(),
        "check" => CheckAsync(),
        "discover" => DiscoverAsync(),
        "read" => ReadAsync(),
        "sync" => SyncAsync(),
        "install" => InstallAsync(),
        "uninstall" => UninstallAsync(),
        "list" => ListAsync(),
        _ => throw new UsageException($"Unknown command '{_args.Command}'."),
    };

    private async Task<int> SpecAsync()
    {
        _args.Allow("--source", "--destination");
        var connector = Either(withConfig: false);
        var spec = await connector.GetSpecAsync(cancellationToken: _cancellation).ConfigureAwait(false);
        _out.WriteLine(JsonSerializer.Serialize(spec.Json, CliJson.Indented.JsonElement));
        return ExitCodes.Success;
    }

    private async Task<int> ValidateAsync()
    {
        _args.Allow("--source", "--destination", "--config");
        var connector = Either(withConfig: true);
        var problems = await connector.GetConfigProblemsAsync(cancellationToken: _cancellation).ConfigureAwait(false);
        if (_json)
        {
            var result = new JsonObject
            {
                ["valid"] = problems.Count == 0,
                ["problems"] = new JsonArray(problems.Select(p => (JsonNode)new JsonObject { ["path"] = p.Path, ["message"] = p.Message }).ToArray()),
            };
            _out.WriteLine(result.ToJsonString());
        }
        else if (problems.Count == 0)
        {
            _out.WriteLine($"The config is valid for {connector.Name}.");
        }
        else
        {
            _out.WriteLine($"The config of {connector.Name} does not match its spec:");
            foreach (var problem in problems)
            {
                _out.WriteLine($"  {problem.Path}: {problem.Message}");
            }
        }
        return problems.Count == 0 ? ExitCodes.Success : ExitCodes.InvalidConfig;
    }

    private async Task<int> CheckAsync()
    {
        _args.Allow("--source", "--destination", "--config");
        var connector = Either(withConfig: true);
        var status = await connector.CheckAsync(_cancellation).ConfigureAwait(false);
        if (_json)
        {
            _out.WriteLine(new JsonObject { ["status"] = status.Succeeded ? "SUCCEEDED" : "FAILED", ["message"] = status.Message }.ToJsonString());
        }
        else
        {
            _out.WriteLine(status.Succeeded ? $"SUCCEEDED{Suffix(status.Message)}" : $"FAILED{Suffix(status.Message)}");
        }
        return status.Succeeded ? ExitCodes.Success : ExitCodes.CheckFailed;
    }

    private async Task<int> DiscoverAsync()
    {
        _args.Allow("--source", "--config");
        var source = Source(true);
        var catalog = await source.DiscoverAsync(cancellationToken: _cancellation).ConfigureAwait(false);
        if (_json)
        {
            _out.WriteLine(catalog.Json.GetRawText());
            return ExitCodes.Success;
        }
        foreach (var stream in catalog.Streams)
        {
            var key = stream.PrimaryKey.Count == 0 ? "-" : string.Join(", ", stream.PrimaryKey.Select(p => string.Join(".", p)));
            var cursor = stream.DefaultCursorField.Count == 0 ? "-" : string.Join(".", stream.DefaultCursorField);
            _out.WriteLine($"{stream.Name}\tmodes: {string.Join(", ", stream.SupportedSyncModes)}\tprimary key: {key}\tcursor: {cursor}");
        }
        return ExitCodes.Success;
    }

    /// <summary>The source's messages as JSON lines on stdout (records, states, traces; logs go to stderr).</summary>
    private async Task<int> ReadAsync()
    {
        _args.Allow("--source", "--config", "--streams", "--state");
        var source = Source(true);
        SelectStreams(source);
        JsonArray? state = null;
        if (_args["--state"] is { } statePath)
        {
            state = JsonNode.Parse(File.ReadAllText(statePath)) as JsonArray ?? throw new UsageException($"{statePath} is not a JSON array of states.");
        }
        var output = Console.OpenStandardOutput();
        await using var buffered = new BufferedStream(output, 64 * 1024);
        await foreach (var message in source.ReadAsync(new ReadOptions { FullRefresh = _args.Has("--full-refresh"), State = state }, _cancellation).ConfigureAwait(false))
        {
            if (message.Type == MessageType.Log)
            {
                continue;
            }
            buffered.Write(Encoding.UTF8.GetBytes(message.Json.GetRawText()));
            buffered.WriteByte((byte)'\n');
        }
        return ExitCodes.Success;
    }

    private async Task<int> SyncAsync()
    {
        _args.Allow("--source", "--config", "--streams", "--cache", "--destination", "--destination-config");
        var source = Source(true);
        SelectStreams(source);
        var fullRefresh = _args.Has("--full-refresh");
        var cache = _args["--cache"] is { } cacheText ? Cache.Parse(cacheText) : null;
        var display = CreateDisplay();
        var tracker = new LastProgress();
        try
        {
            if (_args["--destination"] is not { } destinationLocation)
            {
                cache ??= Cache.Default(_options.Home);
                var result = await display.RunAsync($"{source.Name} → {cache.Kind}",
                    progress => source.ReadAsync(cache, new ReadOptions { FullRefresh = fullRefresh }, tracker.Wrap(progress), _cancellation)).ConfigureAwait(false);
                display.Summary(new Summary($"{source.Name} → {cache.Kind}", tracker.Last!, cache.ToString(),
                    string.Join("; ", result.Streams.Select(s => $"{s.Stream} → table {s.Table} ({s.Strategy.ToString().ToLowerInvariant()})"))));
                return ExitCodes.Success;
            }
            var destination = Destination.From(destinationLocation, LoadConfig(_args.Require("--destination-config")), _options);
            if (cache is not null)
            {
                // Through the cache: the source into it, then the cache into the destination.
                await display.RunAsync($"{source.Name} → {cache.Kind}",
                    progress => source.ReadAsync(cache, new ReadOptions { FullRefresh = fullRefresh }, tracker.Wrap(progress), _cancellation)).ConfigureAwait(false);
                display.Summary(new Summary($"{source.Name} → {cache.Kind}", tracker.Last!, cache.ToString(), null));
                var streams = (await source.GetSelectedStreamsAsync(_cancellation).ConfigureAwait(false)).Select(s => s.Name).ToList();
                var written = await display.RunAsync($"{cache.Kind} → {destination.Name}",
                    progress => destination.WriteAsync(cache, source.Name, streams, tracker.Wrap(progress), _cancellation)).ConfigureAwait(false);
                display.Summary(new Summary($"{cache.Kind} → {destination.Name}", tracker.Last!, destination.Executor.Location,
                    $"{written.StatesAcknowledged} of {written.StatesSent} states acknowledged"));
                return ExitCodes.Success;
            }
            var direct = await display.RunAsync($"{source.Name} → {destination.Name}",
                progress => destination.WriteAsync(source, new WriteOptions { FullRefresh = fullRefresh }, tracker.Wrap(progress), _cancellation)).ConfigureAwait(false);
            display.Summary(new Summary($"{source.Name} → {destination.Name}", tracker.Last!, destination.Executor.Location,
                $"{direct.StatesAcknowledged} of {direct.StatesSent} states acknowledged"));
            return ExitCodes.Success;
        }
        catch (Exception ex) when (ex is ConnectorException && ex is not Connectors.Client.Validation.ConfigValidationException)
        {
            display.Failed(tracker.Last, ex.Message);
            throw;
        }
    }

    private async Task<int> InstallAsync()
    {
        _args.Allow();
        var executor = Locate();
        await executor.PrepareAsync(_cancellation).ConfigureAwait(false);
        _out.WriteLine(executor is IInstallableExecutor installable
            ? $"Installed {executor.Location} into {((NpmExecutor)installable).Directory}."
            : $"{executor.Location} is ready.");
        return ExitCodes.Success;
    }

    private async Task<int> UninstallAsync()
    {
        _args.Allow();
        if (Locate() is not IInstallableExecutor installable)
        {
            throw new UsageException("Only npm connectors are installed by connectors; nothing to uninstall.");
        }
        var removed = await installable.UninstallAsync(_cancellation).ConfigureAwait(false);
        _out.WriteLine(removed ? $"Uninstalled {installable.Location}." : $"{installable.Location} was not installed.");
        return ExitCodes.Success;
    }

    private Task<int> ListAsync()
    {
        _args.Allow();
        var installed = _options.Home.ListInstalled();
        if (_json)
        {
            _out.WriteLine(new JsonArray(installed.Select(c => (JsonNode)new JsonObject
            {
                ["name"] = c.Name, ["version"] = c.Version, ["kind"] = c.Kind, ["directory"] = c.Directory,
            }).ToArray()).ToJsonString());
        }
        else if (installed.Count == 0)
        {
            _out.WriteLine($"No connector installed in {_options.Home.Root}.");
        }
        else
        {
            foreach (var connector in installed)
            {
                _out.WriteLine($"{connector.Kind}:{connector.Name}@{connector.Version}\t{connector.Directory}");
            }
        }
        return Task.FromResult(ExitCodes.Success);
    }

    private IConnectorExecutor Locate()
    {
        if (_args.Positional.Count != 1)
        {
            throw new UsageException($"{_args.Command} takes one connector location (npm:NAME@VERSION, a path, docker:IMAGE).");
        }
        return ConnectorLocator.Resolve(_args.Positional[0], _options.Home);
    }

    private Connector Either(bool withConfig)
    {
        var source = _args["--source"];
        var destination = _args["--destination"];
        if ((source is null) == (destination is null))
        {
            throw new UsageException($"{_args.Command} needs exactly one of --source and --destination.");
        }
        var config = withConfig ? LoadConfig(_args.Require("--config")) : null;
        Connector connector = source is not null ? Client.Source.From(source, config, _options) : Destination.From(destination!, config, _options);
        if (withConfig)
        {
            WriteBackConfigChanges(connector);
        }
        return connector;
    }

    private Source Source(bool withConfig)
    {
        var source = Client.Source.From(_args.Require("--source"), withConfig ? LoadConfig(_args.Require("--config")) : null, _options);
        WriteBackConfigChanges(source);
        return source;
    }

    private void SelectStreams(Source source)
    {
        if (_args["--streams"] is { } streams)
        {
            source.SelectStreams(streams.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }
    }

    /// <summary>
    /// A connector's CONTROL CONNECTOR_CONFIG is written back to its --config file (not to stdin). A secret the connector
    /// rotated is not written in clear: the reference stays, and a warning says to update the secret where it is kept.
    /// </summary>
    private void WriteBackConfigChanges(Connector connector)
    {
        var path = _args["--config"];
        connector.ConfigChanged += (_, e) =>
        {
            if (path is null or "-")
            {
                return;
            }
            var toWrite = (JsonObject)e.Config.DeepClone();
            var original = LoadConfig(path);
            foreach (var rotated in e.RotatedSecretPaths)
            {
                Console.Error.WriteLine($"WARN {connector.Name} rotated the secret at {rotated}; update the secret where it is kept (the config keeps its reference).");
            }
            ConfigFiles.KeepReferences(original, toWrite);
            ConfigFiles.Write(path, toWrite);
        };
    }

    private JsonObject LoadConfig(string path) => ConfigFiles.Load(path);

    private IProgressDisplay CreateDisplay()
    {
        if (_json)
        {
            return new JsonProgressDisplay(_out);
        }
        if (!Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive)
        {
            return new LiveProgressDisplay(AnsiConsole.Console);
        }
        return new PlainProgressDisplay(_out, TimeSpan.FromSeconds(2));
    }

    private static string Suffix(string? message) => string.IsNullOrEmpty(message) ? "" : ": " + message;

    /// <summary>Keeps the last snapshot reported, for the summary.</summary>
    private sealed class LastProgress
    {
        public SyncProgress? Last { get; private set; }

        public IProgress<SyncProgress> Wrap(IProgress<SyncProgress> inner) => new Forward(this, inner);

        private sealed class Forward : IProgress<SyncProgress>
        {
            private readonly LastProgress _owner;
            private readonly IProgress<SyncProgress> _inner;

            public Forward(LastProgress owner, IProgress<SyncProgress> inner)
            {
                _owner = owner;
                _inner = inner;
            }

            public void Report(SyncProgress value)
            {
                _owner.Last = value;
                _inner.Report(value);
            }
        }
    }
}
