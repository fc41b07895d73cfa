using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Connectors.Client.Catalog;
using Connectors.Client.Execution;
using Connectors.Client.Protocol;
using Connectors.Client.Secrets;
using Connectors.Client.Validation;
using Connectors.Runtime.Secrets;
using Microsoft.Extensions.Logging;

namespace Connectors.Client;

/// <summary>
/// A connector the client runs: its spec (cached), config validation against that spec, <c>check</c>, install and
/// uninstall. <see cref="Source"/> and <see cref="Destination"/> add reading and writing. Secrets referenced from the
/// config are resolved for each run and masked in everything the client reports.
/// </summary>
public abstract class Connector
{
    private readonly SemaphoreSlim _specLock = new(1, 1);
    private ConnectorSpecification? _spec;
    private ConfigValidator? _validator;
    private string? _validatedConfig;
    private ConnectorSpecification? _validatedSpec;
    private JsonObject? _config;
    private Dictionary<string, string> _resolvedSecrets = new(StringComparer.Ordinal);

    /// <summary>A connector run by <paramref name="executor"/>.</summary>
    protected Connector(IConnectorExecutor executor, JsonObject? config, ConnectorOptions? options)
    {
        Executor = executor;
        Options = options ?? new ConnectorOptions();
        _config = config;
    }

    /// <summary>The connector's name.</summary>
    public string Name => Executor.Name;

    /// <summary>How the connector is started.</summary>
    public IConnectorExecutor Executor { get; }

    /// <summary>The options it runs with.</summary>
    public ConnectorOptions Options { get; }

    /// <summary>The config, with secret references unresolved; null until set.</summary>
    public JsonObject? Config => _config;

    /// <summary>Masks every secret the client knows of: resolved references and the config's <c>airbyte_secret</c> values.</summary>
    public SecretMasker Masker { get; } = new();

    /// <summary>Raised when the connector asks (CONTROL <c>CONNECTOR_CONFIG</c>) for its config to be replaced.</summary>
    public event EventHandler<ConfigChangedEventArgs>? ConfigChanged;

    /// <summary>Sets the config (references to secrets stay unresolved until a run).</summary>
    public void SetConfig(JsonObject config) => _config = config ?? throw new ArgumentNullException(nameof(config));

    /// <summary>Installs the connector when its executor installs (npm); otherwise prepares it (builds a project).</summary>
    public Task InstallAsync(CancellationToken cancellationToken = default) => Executor.PrepareAsync(cancellationToken);

    /// <summary>Removes an installed connector; false when it was not installed or cannot be.</summary>
    public Task<bool> UninstallAsync(CancellationToken cancellationToken = default) =>
        Executor is IInstallableExecutor installable ? installable.UninstallAsync(cancellationToken) : Task.FromResult(false);

    /// <summary>
    /// The connector's SPEC, run once and then cached, in this object and (unless <see cref="ConnectorOptions.CacheSpec"/> is
    /// off) in the connectors home for this build of the connector; <paramref name="refresh"/> runs it again.
    /// </summary>
    public async Task<ConnectorSpecification> GetSpecAsync(bool refresh = false, CancellationToken cancellationToken = default)
    {
        await _specLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_spec is null || refresh)
            {
                _spec = new ConnectorSpecification(await LoadSpecAsync(refresh, cancellationToken).ConfigureAwait(false));
                _validator = null;
            }
            return _spec;
        }
        finally
        {
            _specLock.Release();
        }
    }

    /// <summary>The SPEC from the spec cache when it holds this build of the connector, else from the connector (then cached).</summary>
    private async Task<JsonElement> LoadSpecAsync(bool refresh, CancellationToken cancellationToken)
    {
        if (!Options.CacheSpec)
        {
            return await RunForMessageAsync("spec", MessageType.Spec, config: null, cancellationToken).ConfigureAwait(false);
        }
        await Executor.PrepareAsync(cancellationToken).ConfigureAwait(false); // builds or installs: the key names the result
        var cache = new SpecCache(Options.Home);
        var key = SpecCache.KeyFor(Executor);
        if (!refresh && key is not null && cache.TryGet(key) is { } cached)
        {
            Log(LogLevel.Debug, "spec from the spec cache");
            return cached;
        }
        var json = await RunForMessageAsync("spec", MessageType.Spec, config: null, cancellationToken).ConfigureAwait(false);
        if (key is not null && json.ValueKind == JsonValueKind.Object && json.TryGetProperty("connectionSpecification", out _))
        {
            cache.Store(key, json);
        }
        return json;
    }

    /// <summary>Every problem of <paramref name="config"/> (or of <see cref="Config"/>) against the spec; empty when valid.</summary>
    public async Task<IReadOnlyList<ConfigProblem>> GetConfigProblemsAsync(JsonObject? config = null, CancellationToken cancellationToken = default)
    {
        var resolved = await ResolveConfigAsync(config ?? RequireConfig(), cancellationToken).ConfigureAwait(false);
        return await ProblemsAsync(resolved, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Validates <paramref name="config"/> (or <see cref="Config"/>); throws <see cref="ConfigValidationException"/> listing every problem.</summary>
    public async Task ValidateConfigAsync(JsonObject? config = null, CancellationToken cancellationToken = default)
    {
        var problems = await GetConfigProblemsAsync(config, cancellationToken).ConfigureAwait(false);
        if (problems.Count > 0)
        {
            throw new ConfigValidationException(Name, problems);
        }
    }

    /// <summary>
    /// Runs <c>check</c>. A config the connector rejects gives a FAILED status; a crash (TRACE ERROR, non-zero exit) throws
    /// <see cref="ConnectorFailedException"/>.
    /// </summary>
    public async Task<ConnectionStatus> CheckAsync(CancellationToken cancellationToken = default)
    {
        var config = await PrepareConfigAsync(cancellationToken).ConfigureAwait(false);
        var status = await RunForMessageAsync("check", MessageType.ConnectionStatus, config, cancellationToken).ConfigureAwait(false);
        var succeeded = status.TryGetProperty("status", out var s) && s.GetString() == "SUCCEEDED";
        var message = status.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? Masker.Apply(m.GetString()!) : null;
        return new ConnectionStatus(succeeded, message);
    }

    /// <summary>The config with secrets resolved, validated against the spec (unless switched off); for one run.</summary>
    internal async Task<JsonObject> PrepareConfigAsync(CancellationToken cancellationToken)
    {
        var resolved = await ResolveConfigAsync(RequireConfig(), cancellationToken).ConfigureAwait(false);
        if (Options.ValidateConfig)
        {
            // discover then read validate the same config: once is enough while config and spec are unchanged.
            var text = resolved.ToJsonString();
            if (!ReferenceEquals(_validatedSpec, _spec) || _validatedConfig != text)
            {
                var problems = await ProblemsAsync(resolved, cancellationToken).ConfigureAwait(false);
                if (problems.Count > 0)
                {
                    throw new ConfigValidationException(Name, problems);
                }
                (_validatedConfig, _validatedSpec) = (text, _spec);
            }
        }
        return resolved;
    }

    private async Task<JsonObject> ResolveConfigAsync(JsonObject config, CancellationToken cancellationToken)
    {
        var secrets = new Dictionary<string, string>(StringComparer.Ordinal);
        var resolved = Options.Secrets.Resolve(config, secrets);
        Masker.Add(secrets.Values);
        _resolvedSecrets = secrets;
        if (_spec is not null || Options.ValidateConfig)
        {
            var spec = await GetSpecAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            Masker.Add(SpecSecrets.ValuesIn(resolved, spec.ConnectionSpecification));
        }
        return resolved;
    }

    private async Task<IReadOnlyList<ConfigProblem>> ProblemsAsync(JsonObject resolved, CancellationToken cancellationToken)
    {
        var spec = await GetSpecAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        Masker.Add(SpecSecrets.ValuesIn(resolved, spec.ConnectionSpecification));
        _validator ??= new ConfigValidator(spec.ConnectionSpecification);
        using var document = JsonDocument.Parse(resolved.ToJsonString());
        return _validator.Validate(document.RootElement, Masker);
    }

    private JsonObject RequireConfig() =>
        _config ?? throw new ConnectorException($"{Name} has no config: set one first (SetConfig, or --config).");

    /// <summary>Runs a command that answers with one message of type <paramref name="wanted"/>; that message's payload.</summary>
    private protected async Task<JsonElement> RunForMessageAsync(string command, MessageType wanted, JsonObject? config, CancellationToken cancellationToken)
    {
        var files = new RunFiles();
        var arguments = new List<string> { command };
        if (config is not null)
        {
            arguments.Add("--config");
            arguments.Add(files.Write("config.json", config));
        }
        await using var run = await ConnectorRun.StartAsync(this, command, files, arguments, cancellationToken).ConfigureAwait(false);
        run.Input.Close();
        JsonElement? answer = null;
        while (await run.Output.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            var scanned = MessageScanner.Scan(line.Span);
            if (run.Observe(line.Span, scanned) && scanned.Type == wanted && answer is null)
            {
                using var document = JsonDocument.Parse(scanned.Payload(line));
                answer = document.RootElement.Clone();
            }
        }
        var exitCode = await run.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        run.ThrowIfFailed(exitCode);
        return answer ?? throw run.Failure(exitCode, $"it wrote no {AirbyteMessage.PayloadName(wanted)} message.");
    }

    internal void Log(LogLevel level, string message)
    {
        if (Options.Logger is { } logger && logger.IsEnabled(level))
        {
            logger.Log(level, "{Connector}: {Message}", Name, message);
        }
    }

    /// <summary>CONTROL CONNECTOR_CONFIG: replaces the config, keeping secret references whose values did not change.</summary>
    internal void OnControl(ReadOnlySpan<byte> payload)
    {
        JsonObject? updated;
        try
        {
            updated = JsonNode.Parse(payload) is JsonObject control
                && control["type"]?.GetValue<string>() == "CONNECTOR_CONFIG"
                && control["connectorConfig"]?["config"] is JsonObject config
                    ? (JsonObject)config.DeepClone()
                    : null;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            Log(LogLevel.Warning, "Ignored a CONTROL message that is not valid: " + Masker.Apply(ex.Message));
            return;
        }
        if (updated is null)
        {
            return;
        }
        var rotated = new List<string>();
        SecretResolver.RestoreReferences(_config, updated, _resolvedSecrets, "$", rotated);
        foreach (var path in rotated)
        {
            Masker.Add(new[] { JsonPaths.StringAt(updated, path) }.OfType<string>());
        }
        if (_spec is not null)
        {
            Masker.Add(SpecSecrets.ValuesIn(updated, _spec.ConnectionSpecification));
        }
        _config = updated;
        Log(LogLevel.Information, "The connector updated its config (CONTROL CONNECTOR_CONFIG).");
        ConfigChanged?.Invoke(this, new ConfigChangedEventArgs(updated, rotated));
    }
}
