using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using ConduitWire.Config.V1;
using ParameterValidation = ConduitWire.Config.V1.Validation;
using ConduitWire.Connector.V2;
using Connectors.Testing.Conduit;
using Connectors.Testing.Session;
using Grpc.Core;
using SourceMessages = ConduitWire.Connector.V2.Source.Types;
using DestinationMessages = ConduitWire.Connector.V2.Destination.Types;

namespace Connectors.Testing;

/// <summary>The rules of Specify, Configure and the lifecycle calls.</summary>
public abstract partial class ConduitAcceptanceTests<TConnector>
{
    /// <summary>Configure with the config, and with each bad config; the error of each refusal (null: accepted).</summary>
    internal sealed record ConfigureRun(string? GoodError, IReadOnlyList<(string Problem, string Key, string? Error)> Refusals);

    private static readonly Regex SemanticVersion = new(@"^v[0-9]+\.[0-9]+\.[0-9]+([-+][0-9A-Za-z.+-]+)?$", RegexOptions.CultureInvariant);

    /// <summary>
    /// Specify describes the connector: its name, a <c>v</c>-prefixed semantic version, and, in <c>source_params</c> for a
    /// source or <c>destination_params</c> for a destination (the other empty), one parameter per config property (nested
    /// objects as dotted keys) of the matching type (integer INT, number FLOAT, boolean BOOL, duration DURATION, else
    /// STRING), REQUIRED exactly for the required ones, an enum's values as INCLUSION, the schema's default as the
    /// default, and no default for a secret. Any other parameter is the SDK's own (<c>sdk.*</c>).
    /// </summary>
    [ConnectorRule]
    public async Task Conduit_Specify_describes_the_config_as_parameters()
    {
        var specification = await Session.OnceAsync("conduit:specify", async () =>
        {
            await using var plugin = await PluginProcess.StartAsync(Session);
            return (await plugin.Specifier.SpecifyAsync(new Specifier.Types.Specify.Types.Request(), deadline: plugin.Deadline())).Specification;
        });
        var problems = new RuleProblems();
        if (specification is null)
        {
            problems.Add("Specify returned no specification");
            problems.ThrowIfAny("Specify must describe the connector");
            return;
        }
        if (specification.Name != ConnectorName)
        {
            problems.Add($"name is '{specification.Name}', not the connector's '{ConnectorName}'");
        }
        if (!SemanticVersion.IsMatch(specification.Version))
        {
            problems.Add($"version '{specification.Version}' is not a v-prefixed semantic version (v1.2.3)");
        }
        var (parameters, other) = IsSource
            ? (specification.SourceParams, specification.DestinationParams)
            : (specification.DestinationParams, specification.SourceParams);
        if (other.Count > 0)
        {
            problems.Add($"a {(IsSource ? "source" : "destination")} lists {(IsSource ? "destination" : "source")}_params: {string.Join(", ", other.Keys)}");
        }
        var properties = Properties();
        foreach (var property in properties)
        {
            if (!parameters.TryGetValue(property.Key, out var parameter))
            {
                problems.Add($"{property.Key}: the config property has no parameter");
                continue;
            }
            ParameterProblems(property, parameter, problems);
        }
        foreach (var key in parameters.Keys.Where(k => properties.All(p => p.Key != k) && !k.StartsWith("sdk.", StringComparison.Ordinal)))
        {
            problems.Add($"{key}: a parameter no config property has (and not the SDK's sdk.*)");
        }
        problems.ThrowIfAny("Specify must describe the config as Conduit parameters");
    }

    private static void ParameterProblems(ConduitProperty property, Parameter parameter, RuleProblems problems)
    {
        var type = property.Type switch
        {
            "integer" => Parameter.Types.Type.Int,
            "number" => Parameter.Types.Type.Float,
            "boolean" => Parameter.Types.Type.Bool,
            "string" when property.Format == "duration" => Parameter.Types.Type.Duration,
            _ => Parameter.Types.Type.String,
        };
        if (parameter.Type != type)
        {
            problems.Add($"{property.Key}: type {parameter.Type}, but the config property is {property.Type ?? "untyped"} ({type})");
        }
        var required = parameter.Validations.Any(v => v.Type == ParameterValidation.Types.Type.Required);
        if (required != property.Required)
        {
            problems.Add($"{property.Key}: {(required ? "REQUIRED, but the property is optional" : "not REQUIRED, but the property is required")}");
        }
        var inclusion = parameter.Validations.FirstOrDefault(v => v.Type == ParameterValidation.Types.Type.Inclusion)?.Value;
        if (property.Enum is { Count: > 0 } values && inclusion != string.Join(",", values))
        {
            problems.Add($"{property.Key}: INCLUSION '{inclusion}', but the property's values are '{string.Join(",", values)}'");
        }
        if (property.Secret && parameter.Default.Length > 0)
        {
            problems.Add($"{property.Key}: a secret whose default is shown in the spec");
        }
        else if (!property.Secret && parameter.Default != (property.Default ?? ""))
        {
            problems.Add($"{property.Key}: default '{parameter.Default}', but the property's is '{property.Default ?? ""}'");
        }
    }

    /// <summary>
    /// Configure accepts the config, and refuses each bad one with an error that names the key at fault: a value of the
    /// wrong type (the first typed property that is not a secret), a required parameter left out, and a key that is no
    /// parameter (Conduit does not validate configs; the plugin's Configure must).
    /// </summary>
    [ConnectorRule]
    public async Task Conduit_Configure_accepts_the_config_and_refuses_bad_ones_naming_the_key()
    {
        var result = await ConfigureRunAsync();
        var problems = new RuleProblems();
        if (result.GoodError is not null)
        {
            problems.Add($"Configure refused the config: {result.GoodError}");
        }
        foreach (var (problem, key, error) in result.Refusals)
        {
            if (error is null)
            {
                problems.Add($"Configure accepted a config where {problem}");
            }
            else if (!error.Contains(key, StringComparison.Ordinal))
            {
                problems.Add($"Configure refused a config where {problem}, but its error does not name {key}: {error}");
            }
        }
        problems.ThrowIfAny("Configure must accept the config and refuse bad ones");
    }

    /// <summary>Configure with the config, then each bad config, one plugin each (Conduit validates a config in a process of its own).</summary>
    internal Task<ConfigureRun> ConfigureRunAsync() => Session.OnceAsync("conduit:configure", async () =>
    {
        string? good;
        await using (var plugin = await PluginProcess.StartAsync(Session))
        {
            good = await TryConfigureAsync(plugin, ConduitConfig);
        }
        var refusals = new List<(string, string, string?)>();
        foreach (var (problem, key, config) in ConduitConfigs.Bad(Properties(), ConduitConfig))
        {
            await using var plugin = await PluginProcess.StartAsync(Session);
            refusals.Add((problem, key, await TryConfigureAsync(plugin, config)));
        }
        return new ConfigureRun(good, refusals);
    });

    /// <summary>Configure (the source's or the destination's); the error's status and detail, or null when it succeeded.</summary>
    internal static async Task<string?> TryConfigureAsync(PluginProcess plugin, IReadOnlyDictionary<string, string> config)
    {
        try
        {
            if (IsSource)
            {
                var request = new SourceMessages.Configure.Types.Request();
                request.Config.Add(config.ToDictionary(c => c.Key, c => c.Value));
                await plugin.Source.ConfigureAsync(request, deadline: plugin.Deadline());
            }
            else
            {
                var request = new DestinationMessages.Configure.Types.Request();
                request.Config.Add(config.ToDictionary(c => c.Key, c => c.Value));
                await plugin.Destination.ConfigureAsync(request, deadline: plugin.Deadline());
            }
            return null;
        }
        catch (RpcException ex)
        {
            return PluginProcess.Describe(ex);
        }
    }

    /// <summary>One call of Conduit's call order and how it was answered.</summary>
    internal sealed record LifecycleCall(string Call, string? Error);

    /// <summary>
    /// The lifecycle calls are answered, in Conduit's call order: Configure, LifecycleOnCreated, LifecycleOnUpdated (the
    /// same config before and after), Open, Teardown in one process; LifecycleOnDeleted and Teardown in a fresh one (how
    /// Conduit deletes a connector). A lifecycle call may answer UNIMPLEMENTED (Conduit tolerates that); every other call
    /// must succeed.
    /// </summary>
    [ConnectorRule]
    public async Task Conduit_lifecycle_calls_are_answered_in_Conduits_call_order()
    {
        var calls = await LifecycleRunAsync();
        var problems = new RuleProblems();
        foreach (var call in calls.Where(c => c.Error is not null))
        {
            problems.Add($"{call.Call} failed: {call.Error}");
        }
        problems.ThrowIfAny("the lifecycle calls must be answered");
    }

    internal Task<IReadOnlyList<LifecycleCall>> LifecycleRunAsync() => Session.OnceAsync<IReadOnlyList<LifecycleCall>>("conduit:lifecycle", async () =>
    {
        var calls = new List<LifecycleCall>();
        var config = ConduitConfig.ToDictionary(c => c.Key, c => c.Value);
        await using (var plugin = await PluginProcess.StartAsync(Session))
        {
            calls.Add(new("Configure", await TryConfigureAsync(plugin, config)));
            calls.Add(new("LifecycleOnCreated", await LifecycleAsync(() => IsSource
                ? (Task)plugin.Source.LifecycleOnCreatedAsync(new SourceMessages.Lifecycle.Types.OnCreated.Types.Request { Config = { config } }, deadline: plugin.Deadline()).ResponseAsync
                : plugin.Destination.LifecycleOnCreatedAsync(new DestinationMessages.Lifecycle.Types.OnCreated.Types.Request { Config = { config } }, deadline: plugin.Deadline()).ResponseAsync, tolerateUnimplemented: true)));
            calls.Add(new("LifecycleOnUpdated", await LifecycleAsync(() => IsSource
                ? (Task)plugin.Source.LifecycleOnUpdatedAsync(new SourceMessages.Lifecycle.Types.OnUpdated.Types.Request { ConfigBefore = { config }, ConfigAfter = { config } }, deadline: plugin.Deadline()).ResponseAsync
                : plugin.Destination.LifecycleOnUpdatedAsync(new DestinationMessages.Lifecycle.Types.OnUpdated.Types.Request { ConfigBefore = { config }, ConfigAfter = { config } }, deadline: plugin.Deadline()).ResponseAsync, tolerateUnimplemented: true)));
            calls.Add(new("Open", await LifecycleAsync(() => IsSource
                ? (Task)plugin.Source.OpenAsync(new SourceMessages.Open.Types.Request(), deadline: plugin.Deadline()).ResponseAsync
                : plugin.Destination.OpenAsync(new DestinationMessages.Open.Types.Request(), deadline: plugin.Deadline()).ResponseAsync, tolerateUnimplemented: false)));
            calls.Add(new("Teardown", await TeardownAsync(plugin)));
        }
        await using (var plugin = await PluginProcess.StartAsync(Session))
        {
            calls.Add(new("LifecycleOnDeleted (fresh process)", await LifecycleAsync(() => IsSource
                ? (Task)plugin.Source.LifecycleOnDeletedAsync(new SourceMessages.Lifecycle.Types.OnDeleted.Types.Request { Config = { config } }, deadline: plugin.Deadline()).ResponseAsync
                : plugin.Destination.LifecycleOnDeletedAsync(new DestinationMessages.Lifecycle.Types.OnDeleted.Types.Request { Config = { config } }, deadline: plugin.Deadline()).ResponseAsync, tolerateUnimplemented: true)));
            calls.Add(new("Teardown (after LifecycleOnDeleted)", await TeardownAsync(plugin)));
        }
        return calls;
    });

    /// <summary>Teardown (the source's or the destination's); the error, or null.</summary>
    internal static Task<string?> TeardownAsync(PluginProcess plugin) => LifecycleAsync(() => IsSource
        ? (Task)plugin.Source.TeardownAsync(new SourceMessages.Teardown.Types.Request(), deadline: plugin.Deadline()).ResponseAsync
        : plugin.Destination.TeardownAsync(new DestinationMessages.Teardown.Types.Request(), deadline: plugin.Deadline()).ResponseAsync, tolerateUnimplemented: false);

    private static async Task<string?> LifecycleAsync(Func<Task> call, bool tolerateUnimplemented)
    {
        try
        {
            await call();
            return null;
        }
        catch (RpcException ex) when (tolerateUnimplemented && ex.StatusCode == StatusCode.Unimplemented)
        {
            return null;
        }
        catch (RpcException ex)
        {
            return PluginProcess.Describe(ex);
        }
    }
}
