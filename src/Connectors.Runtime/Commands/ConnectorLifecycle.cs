using System;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Connectors.Runtime.Hosting;
using Connectors.Runtime.Json;
using Connectors.Runtime.Platform;
using Microsoft.Extensions.Logging;

namespace Connectors.Runtime.Commands;

/// <summary>
/// The lifecycle of one long-running connector instance, with the semantics of TetraScience's connector SDK: startup
/// (initializing hook, load config, the start sequence when RUNNING, initialized hook), Start and Stop (set the operating
/// status, reload the config, connector-updated hook, then the start or stop hook, as the SDK's <c>super().on_start()</c>
/// comes first), UpdateConfig and ValidateConfig (a candidate instance binds the config and the validate hook judges it;
/// the running configuration is replaced only by an accepted one), and Shutdown (shutdown hook, then background work
/// stops). Callers serialize the changing operations; status reads are safe from any thread.
/// </summary>
internal sealed class ConnectorLifecycle<TConnector> where TConnector : class
{
    private readonly HostContext<TConnector> _host;
    private readonly ConnectorCommands<TConnector> _commands;
    private readonly ILogger _logger;
    private readonly string _configPath;
    private readonly Func<CancellationToken, Task<JsonElement?>>? _platformConfig;
    private readonly CancellationTokenSource _shutdown = new();
    private JsonElement _config;
    private (DateTime Written, long Length)? _configFileStamp;
    private volatile OperatingStatus _status;
    private int _shuttingDown;

    public ConnectorLifecycle(HostContext<TConnector> host, ILogger logger, RecordOutput records, string configPath, PlatformServices platform)
    {
        _host = host;
        _commands = host.Descriptor.Commands ?? throw new ArgumentException("The connector declares no commands or hooks.", nameof(host));
        _logger = logger;
        _configPath = configPath;
        _platformConfig = platform.ConfigSource;
        Connector = host.Descriptor.Create();
        Context = new ConnectorContext(host.Descriptor.Name, logger, records, () => _status, _shutdown.Token, platform);
    }

    /// <summary>The running connector instance.</summary>
    public TConnector Connector { get; }

    /// <summary>What hooks and commands get from the runtime.</summary>
    public ConnectorContext Context { get; }

    /// <summary>The operating status.</summary>
    public OperatingStatus Status => _status;

    /// <summary>Cancelled when shutdown has called the shutdown hook: running commands and hooks should stop.</summary>
    public CancellationToken ShutdownToken => _shutdown.Token;

    /// <summary>True once shutdown has begun.</summary>
    public bool IsShuttingDown => Volatile.Read(ref _shuttingDown) != 0;

    /// <summary>The commands description.</summary>
    public ConnectorCommands<TConnector> Commands => _commands;

    /// <summary>
    /// TetraScience's <c>start</c>: the initializing hook, the config file loaded and judged (without the connector-updated
    /// hook), the start sequence if <paramref name="status"/> is RUNNING, then the initialized hook.
    /// </summary>
    /// <exception cref="InputException">The config file is missing, not JSON, does not bind or is rejected.</exception>
    public async Task InitializeAsync(OperatingStatus status)
    {
        _status = status;
        await CallAsync(_commands.Hooks.OnInitializing, "OnInitializing").ConfigureAwait(false);
        var stamp = FileStamp();
        JsonElement? fromPlatform;
        try
        {
            fromPlatform = await PlatformConfigAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new InputException($"The config could not be read from the platform: {ex.Message}");
        }
        var config = fromPlatform ?? ReadConfigFile();
        var source = fromPlatform is null ? $"The config file '{_configPath}'" : PlatformSource;
        var (candidate, problem) = await JudgeAsync(config, source).ConfigureAwait(false);
        if (candidate is null)
        {
            throw new InputException(problem!);
        }
        await ApplyAsync(candidate, config).ConfigureAwait(false);
        _configFileStamp = stamp;
        if (fromPlatform is null)
        {
            _logger.LogInformation("Loaded the config file {File}; the operating status is {Status}.", _configPath, Text(status));
        }
        else
        {
            _logger.LogInformation("Loaded the config from the platform; the operating status is {Status}.", Text(status));
        }
        if (status == OperatingStatus.Running)
        {
            try
            {
                await CallAsync(_commands.Hooks.OnConnectorUpdated, "OnConnectorUpdated").ConfigureAwait(false);
                await CallAsync(_commands.Hooks.OnStart, "OnStart").ConfigureAwait(false);
            }
            catch (LifecycleHookException ex)
            {
                // No crash loop (TetraScience's SDK 0.9): the connector stays up, IDLE, says why, and answers commands; a Start retries.
                _status = OperatingStatus.Idle;
                Context.Health.SetByHost(HealthStatus.Error, $"The connector could not start RUNNING: {ex.Message}");
                _logger.LogError(ex.InnerException, "The connector could not start RUNNING and stays IDLE: {Problem}", ex.Message);
                await RecallConnectorUpdatedAsync().ConfigureAwait(false);
            }
        }
        await CallAsync(_commands.Hooks.OnInitialized, "OnInitialized").ConfigureAwait(false);
    }

    /// <summary><c>Start</c>: RUNNING, the config reloaded, the connector-updated hook, the start hook.</summary>
    public Task<CommandResult> StartAsync() => ChangeStatusAsync(OperatingStatus.Running, _commands.Hooks.OnStart, "OnStart");

    /// <summary><c>Stop</c>: IDLE, the config reloaded, the connector-updated hook, the stop hook.</summary>
    public Task<CommandResult> StopAsync() => ChangeStatusAsync(OperatingStatus.Idle, _commands.Hooks.OnStop, "OnStop");

    /// <summary>
    /// <c>UpdateConfig</c>: the payload's <c>config</c> object (or, without one, the config file read again) replaces the
    /// running config if it binds and the validate hook accepts it; then the connector-updated hook. Otherwise FAILURE, and
    /// the running config is untouched. If the connector-updated hook throws on the new config, the previous config is put
    /// back (and the hook called again on it): a FAILURE never leaves the new config in force.
    /// </summary>
    public async Task<CommandResult> UpdateConfigAsync(JsonElement payload)
    {
        var (config, source, problem) = await ProposedConfigAsync(payload).ConfigureAwait(false);
        if (problem is null)
        {
            var (candidate, rejection) = await JudgeAsync(config, source).ConfigureAwait(false);
            if (candidate is not null)
            {
                var previous = _config;
                await ApplyAsync(candidate, config).ConfigureAwait(false);
                try
                {
                    await CallAsync(_commands.Hooks.OnConnectorUpdated, "OnConnectorUpdated").ConfigureAwait(false);
                }
                catch (LifecycleHookException ex)
                {
                    return CommandResult.Failure($"The config was not updated: {ex.Message} {await RestoreAsync(previous).ConfigureAwait(false)}");
                }
                _logger.LogInformation("Applied a new config ({Source}).", source);
                return StatusResult();
            }
            problem = rejection;
        }
        return CommandResult.Failure("The config was not updated. " + problem);
    }

    /// <summary>Puts a config that was in force back, calling the connector-updated hook on it; says how that went.</summary>
    private async Task<string> RestoreAsync(JsonElement previous)
    {
        var (candidate, problem) = await JudgeAsync(previous, "The previous config", validate: false).ConfigureAwait(false);
        if (candidate is null)
        {
            return "The previous config could not be bound again: " + problem;
        }
        await ApplyAsync(candidate, previous).ConfigureAwait(false);
        _logger.LogWarning("The new config was refused by [OnConnectorUpdated]; the previous config is back in force.");
        try
        {
            await CallAsync(_commands.Hooks.OnConnectorUpdated, "OnConnectorUpdated").ConfigureAwait(false);
            return "The previous config is back in force.";
        }
        catch (LifecycleHookException again)
        {
            return $"The previous config is back in force, but [OnConnectorUpdated] failed on it too: {again.InnerException!.Message}";
        }
    }

    /// <summary><c>ValidateConfig</c>: SUCCESS with <c>{"valid": true}</c>, or <c>{"valid": false, "message": …}</c>; nothing is applied.</summary>
    public async Task<CommandResult> ValidateConfigAsync(JsonElement payload)
    {
        var (config, source, problem) = await ProposedConfigAsync(payload).ConfigureAwait(false);
        if (problem is null)
        {
            var (candidate, rejection) = await JudgeAsync(config, source).ConfigureAwait(false);
            if (candidate is not null)
            {
                await Disposal.DisposeAsync(candidate).ConfigureAwait(false);
            }
            problem = rejection;
        }
        var message = problem is null ? null : _host.Masker.Apply(problem);
        return CommandResult.Success(json =>
        {
            json.WriteStartObject();
            json.WriteBoolean("valid", message is null);
            if (message is not null)
            {
                json.WriteString("message", message);
            }
            json.WriteEndObject();
        });
    }

    /// <summary>
    /// <c>Shutdown</c>: the shutdown hook, then the shutdown token is cancelled and every poll started through the context
    /// stops. Background work stops even when the hook fails. Only the first call does anything.
    /// </summary>
    public async Task<CommandResult> ShutdownAsync()
    {
        if (Interlocked.Exchange(ref _shuttingDown, 1) != 0)
        {
            return StatusResult();
        }
        Exception? failure = null;
        try
        {
            await CallAsync(_commands.Hooks.OnShutdown, "OnShutdown").ConfigureAwait(false);
        }
        catch (LifecycleHookException ex)
        {
            failure = ex;
            _logger.LogError(ex.InnerException, "The [OnShutdown] hook failed: {Problem}", ex.InnerException!.Message);
        }
        _shutdown.Cancel();
        await Context.StopPollsAsync().ConfigureAwait(false);
        return failure is null ? StatusResult() : CommandResult.Failure(failure.Message + " Background work was stopped anyway.");
    }

    /// <summary>Cancels the shutdown token without the shutdown hook (a one-shot command stopped by a signal).</summary>
    public void CancelRunningWork() => _shutdown.Cancel();

    /// <summary>Disposes the running connector if it holds resources.</summary>
    public ValueTask DisposeAsync() => Disposal.DisposeAsync(Connector);

    /// <summary>A request for a hook or command, as of now.</summary>
    public LifecycleRequest Request() => new(_status, Context, _logger, _shutdown.Token);

    /// <summary>
    /// Start or Stop. If the config no longer binds or a hook throws, the operating status goes back to what it was, and
    /// the FAILURE says so.
    /// </summary>
    private async Task<CommandResult> ChangeStatusAsync(OperatingStatus status, Func<TConnector, LifecycleRequest, ValueTask>? hook, string name)
    {
        var previous = _status;
        _status = status;
        _logger.LogInformation("The operating status is {Status}.", Text(status));
        try
        {
            // The SDK's default start and stop hooks reload the config from its source, which calls the connector-updated hook.
            var (config, source, stamp, changed) = await ReloadConfigAsync().ConfigureAwait(false);
            // A config that changed at its source is judged like any proposed config; the running one is only bound again.
            var (candidate, problem) = await JudgeAsync(config, source, validate: changed).ConfigureAwait(false);
            if (candidate is null)
            {
                throw new InvalidOperationException(problem);
            }
            await ApplyAsync(candidate, config).ConfigureAwait(false);
            _configFileStamp = stamp;
            await CallAsync(_commands.Hooks.OnConnectorUpdated, "OnConnectorUpdated").ConfigureAwait(false);
            await CallAsync(hook, name).ConfigureAwait(false);
            Context.Health.ClearHostFailure();
            _ = Context.Logs.FlushAsync();
            return StatusResult();
        }
        catch (OperationCanceledException)
        {
            // Shutdown cancelled the hooks: the change did not happen, so a later Status must not report it.
            _status = previous;
            _logger.LogWarning("The change to {Status} was cancelled; the operating status is back to {Previous}.", Text(status), Text(previous));
            throw;
        }
        catch (Exception ex) when (ex is not Protocol.OutputClosedException)
        {
            _status = previous;
            _logger.LogWarning("The operating status is back to {Status}.", Text(previous));
            if (status == OperatingStatus.Running)
            {
                Context.Health.SetByHost(HealthStatus.Error, $"Start failed: {ex.Message}");
            }
            // The hooks that ran saw the new status: tell the connector the status it is in now, so what it runs matches it.
            await RecallConnectorUpdatedAsync().ConfigureAwait(false);
            _ = Context.Logs.FlushAsync();
            throw new LifecycleHookException($"{ex.Message} The operating status stays {Text(previous)}.", ex is LifecycleHookException ? ex.InnerException! : ex);
        }
    }

    /// <summary>Calls the connector-updated hook again after a failure changed the status back; logs a failure of its own.</summary>
    private async Task RecallConnectorUpdatedAsync()
    {
        try
        {
            await CallAsync(_commands.Hooks.OnConnectorUpdated, "OnConnectorUpdated").ConfigureAwait(false);
        }
        catch (LifecycleHookException again)
        {
            _logger.LogError(again.InnerException, "[OnConnectorUpdated] failed again on the restored status: {Problem}", again.Message);
        }
    }

    /// <summary>
    /// The config from its source: under the HTTP platform, the platform's (<c>GET /config</c>) when it holds one, read
    /// every time; else the config file read again when it changed since it was last read; otherwise the running config
    /// (which an UpdateConfig payload may have brought since). <c>Changed</c>: it differs from the running config's source.
    /// </summary>
    private async Task<(JsonElement Config, string Source, (DateTime, long)? Stamp, bool Changed)> ReloadConfigAsync()
    {
        if (await PlatformConfigAsync().ConfigureAwait(false) is { } fromPlatform)
        {
            return (fromPlatform, PlatformSource, _configFileStamp, fromPlatform.GetRawText() != _config.GetRawText());
        }
        if (FileStamp() is { } stamp && stamp != _configFileStamp)
        {
            return (ReadConfigFile(), $"The config file '{_configPath}'", stamp, true);
        }
        return (_config, "The running config", _configFileStamp, false);
    }

    private const string PlatformSource = "The config from the platform";

    /// <summary>The platform's config (HTTP platform), or null when the config file is the source.</summary>
    private async Task<JsonElement?> PlatformConfigAsync() =>
        _platformConfig is { } source ? await source(_shutdown.Token).ConfigureAwait(false) : null;

    private (DateTime, long)? FileStamp()
    {
        var file = new System.IO.FileInfo(_configPath);
        return file.Exists ? (file.LastWriteTimeUtc, file.Length) : null;
    }

    /// <summary>Binds a config into a fresh instance and lets the validate hook judge it: the instance, or why not.</summary>
    private async Task<(TConnector? Candidate, string? Problem)> JudgeAsync(JsonElement config, string source, bool validate = true)
    {
        // Unknown keys are logged when a config is proposed, not each time the running one is bound again (validate: false).
        var binding = ConfigBinding<TConnector>.Bind(_host, config, source, validate ? _logger : null);
        if (binding.Connector is not { } candidate)
        {
            return (null, binding.Problem);
        }
        if (!validate || _commands.Hooks.ValidateConfig is not { } judge)
        {
            return (candidate, null);
        }
        var rejection = await LifecycleHookCalls.JudgeAsync(judge, candidate, Request()).ConfigureAwait(false);
        if (rejection is null)
        {
            return (candidate, null);
        }
        await Disposal.DisposeAsync(candidate).ConfigureAwait(false);
        return (null, $"{source} was rejected by [ValidateConfig]: {rejection}");
    }

    private async Task ApplyAsync(TConnector candidate, JsonElement config)
    {
        _commands.CopyConfig(candidate, Connector);
        _config = config;
        await Disposal.DisposeAsync(candidate).ConfigureAwait(false);
    }

    /// <summary>The config a payload proposes: its <c>config</c> object, or else the config read again from its source.</summary>
    private async Task<(JsonElement Config, string Source, string? Problem)> ProposedConfigAsync(JsonElement payload)
    {
        if (payload.ValueKind == JsonValueKind.Object && payload.TryGetProperty("config", out var given) && given.ValueKind != JsonValueKind.Null)
        {
            return given.ValueKind == JsonValueKind.Object
                ? (given.Clone(), "The config in the payload", null)
                : (default, "", $"$.config: expected an object, got {InputReader.Kind(given)}.");
        }
        try
        {
            if (await PlatformConfigAsync().ConfigureAwait(false) is { } fromPlatform)
            {
                return (fromPlatform, PlatformSource, null);
            }
            return (ReadConfigFile(), $"The config file '{_configPath}'", null);
        }
        catch (Exception ex) when (ex is InputException or PlatformApiException or System.Net.Http.HttpRequestException)
        {
            return (default, "", ex.Message);
        }
    }

    private JsonElement ReadConfigFile()
    {
        using var document = JsonInput.Load(_configPath, "config");
        return document.RootElement.Clone();
    }

    private async Task CallAsync(Func<TConnector, LifecycleRequest, ValueTask>? hook, string name)
    {
        if (hook is null)
        {
            return;
        }
        await LifecycleHookCalls.CallAsync(hook, Connector, Request(), name, _logger, _shutdown.Token).ConfigureAwait(false);
    }

    private CommandResult StatusResult()
    {
        var status = Text(_status);
        return CommandResult.Success(json =>
        {
            json.WriteStartObject();
            json.WriteString("operatingStatus", status);
            json.WriteEndObject();
        });
    }

    /// <summary>The status as the protocol writes it.</summary>
    public static string Text(OperatingStatus status) => status == OperatingStatus.Running ? "RUNNING" : "IDLE";
}
