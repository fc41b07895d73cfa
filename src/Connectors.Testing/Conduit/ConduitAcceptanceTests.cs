using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Connectors.Runtime;
using Connectors.Testing.Conduit;
using Connectors.Testing.Processes;
using Connectors.Testing.Session;

namespace Connectors.Testing;

/// <summary>
/// The rules of Conduit's standalone-plugin protocol (connector protocol v2 over gRPC), for a connector built with
/// Connectors.Runtime.Conduit: the handshake, health and Shutdown, Specify, Configure, the lifecycle calls, the logs and
/// secrets, and a source's Open/Run/ack/Stop/Teardown (positions, resuming) or a destination's acknowledged writes. Each
/// rule is a test of its own, named after the rule (docs/testing.md explains each one); a source's rules are skipped for
/// a destination and the other way round.
/// </summary>
/// <remarks>
/// The kit starts the plugin as Conduit does: no arguments, <c>CONDUIT_PLUGIN_MAGIC_COOKIE</c> and
/// <c>PLUGIN_PROTOCOL_VERSIONS</c> in an otherwise empty environment (plus <see cref="Environment"/>), reads the handshake
/// line, and speaks gRPC to the address it names, like Conduit's engine. By default it runs the connector's dll (the test
/// project's reference) through the dotnet host; <see cref="ConnectorExecutable"/> points it at a published plugin instead.
/// </remarks>
/// <example>
/// <code>
/// public class FakerConduitTests : ConduitAcceptanceTests&lt;FakerSource&gt;
/// {
///     protected override string Config => """{"count": 120, "seed": 7}""";
/// }
/// </code>
/// </example>
/// <typeparam name="TConnector">The connector class (the one with <c>[Connector]</c>).</typeparam>
public abstract partial class ConduitAcceptanceTests<TConnector> where TConnector : class, IConnector<TConnector>
{
    /// <summary>go-plugin's magic cookie, as Conduit sets it.</summary>
    internal const string Cookie = "204e8e812c3a1bb73b838928c575b42a105dd2e9aa449be481bc4590486df53f";

    internal const string CookieKey = "CONDUIT_PLUGIN_MAGIC_COOKIE";

    /// <summary>The connector's name, from its <c>[Connector]</c> attribute.</summary>
    protected static string ConnectorName => TConnector.Descriptor.Name;

    /// <summary>True for a source, false for a destination.</summary>
    protected static bool IsSource => TConnector.Descriptor.Kind == ConnectorKind.Source;

    /// <summary>
    /// A working config, as JSON (the kit sends it as Conduit's flat map: <see cref="ConduitConfig"/>). By default the
    /// <c>config.json</c> beside the connector's dll.
    /// </summary>
    protected virtual string Config
    {
        get
        {
            var path = Path.Combine(Path.GetDirectoryName(ConnectorProgram.DllOf(typeof(TConnector).Assembly))!, "config.json");
            return File.Exists(path)
                ? File.ReadAllText(path)
                : throw new InvalidOperationException(
                    $"No config.json beside {ConnectorName}'s dll ({path}): override Config with a working config for {ConnectorName}.");
        }
    }

    /// <summary>
    /// The config as Conduit sends it to Configure: <see cref="Config"/> flattened (nested objects as dotted keys, lists
    /// comma-separated). Override it to add <c>sdk.*</c> settings.
    /// </summary>
    protected virtual IReadOnlyDictionary<string, string> ConduitConfig => ConduitConfigs.Flatten(Config);

    /// <summary>
    /// Secret values that must appear in no output, besides the ones the kit finds itself: the values of
    /// <see cref="ConduitConfig"/> at properties the config schema marks secret.
    /// </summary>
    protected virtual IEnumerable<string> Secrets => [];

    /// <summary>Variables for every plugin process, on top of Conduit's (a null value removes one of Conduit's).</summary>
    protected virtual IReadOnlyDictionary<string, string?> Environment => new Dictionary<string, string?>();

    /// <summary>
    /// A published plugin to run instead of the referenced dll: the executable of
    /// <c>dotnet publish -r linux-x64 --self-contained</c> (or a native AOT publish), exactly what Conduit would run.
    /// </summary>
    protected virtual string? ConnectorExecutable => null;

    /// <summary>How long one plugin process may run before the kit kills it and fails the rule (a guard against hangs).</summary>
    protected virtual TimeSpan ProcessTimeout => TimeSpan.FromMinutes(2);

    /// <summary>
    /// How long a source may send nothing before the kit takes its read as complete (a Conduit source never ends its Run
    /// stream: after the last record it waits for new data).
    /// </summary>
    protected virtual TimeSpan ReadIdleTime => TimeSpan.FromSeconds(2);

    /// <summary>
    /// The resume rule restarts the source from every Nth acknowledged position of a whole read (and the last one); 0:
    /// a quarter of the read, so about five restarts.
    /// </summary>
    protected virtual int ResumeFromEveryNthPosition => 0;

    /// <summary>
    /// The records the destination rules write, as (<c>opencdc.collection</c>, JSON object) pairs, sent as structured
    /// payloads. By default ten rows of a <c>kit_rows</c> collection with an integer id, a text, a number and a boolean.
    /// </summary>
    protected virtual IReadOnlyList<(string Collection, string Json)> DestinationRecords =>
        Enumerable.Range(1, 10)
            .Select(i => ("kit_rows", $$"""{"id": {{i}}, "name": "row {{i}}", "amount": {{i}}.5, "active": {{(i % 2 == 0 ? "true" : "false")}}}"""))
            .ToList();

    /// <summary>The variables Conduit gives a plugin, then <see cref="Environment"/>.</summary>
    internal IReadOnlyDictionary<string, string?> PluginEnvironment()
    {
        var variables = new Dictionary<string, string?>
        {
            [CookieKey] = Cookie,
            ["PLUGIN_PROTOCOL_VERSIONS"] = "1,2",
            ["PLUGIN_MIN_PORT"] = "10000",
            ["PLUGIN_MAX_PORT"] = "25000",
            ["CONDUIT_CONNECTOR_ID"] = "kit:" + ConnectorName,
            // The most verbose level: every log line the plugin can write is searched for secrets.
            ["CONDUIT_CONNECTOR_LOG_LEVEL"] = "debug",
        };
        foreach (var (name, value) in Environment)
        {
            variables[name] = value;
        }
        return variables;
    }

    /// <summary>The plugin runs and files of this test class.</summary>
    internal KitSession Session =>
        KitSession.For("conduit|" + GetType().FullName + "|" + ConnectorExecutable + "|" + string.Join(";", Environment.Select(e => e.Key + "=" + e.Value)),
            () => KitSession.Create(ConnectorExecutable ?? ConnectorProgram.DllOf(typeof(TConnector).Assembly), PluginEnvironment(), ProcessTimeout,
                emptyEnvironment: true));

    /// <summary>A new, empty folder of this test class's, deleted when the tests end (for configs that need a place to write).</summary>
    protected string NewTemporaryFolder(string name = "folder") => Session.NewFolder(name);

    /// <summary>The connector's config properties as Conduit parameters (nested objects flattened).</summary>
    internal static IReadOnlyList<ConduitProperty> Properties() => ConduitConfigs.Properties(TConnector.Descriptor.ConfigSchema);

    /// <summary>Every secret value to search for: the config's values at secret properties, and <see cref="Secrets"/>.</summary>
    internal IReadOnlyList<string> AllSecrets()
    {
        var config = ConduitConfig;
        var fromConfig = Properties().Where(p => p.Secret && config.ContainsKey(p.Key)).Select(p => config[p.Key]);
        return fromConfig.Concat(Secrets).Where(s => s.Length >= SecretForms.MinimumLength).Distinct().ToList();
    }

    /// <summary>Skips a source's rule for a destination.</summary>
    internal static void RequireSource()
    {
        if (!IsSource)
        {
            throw new RuleNotApplicableException($"{ConnectorName} is a destination: the rule is a source's.");
        }
    }

    /// <summary>Skips a destination's rule for a source.</summary>
    internal static void RequireDestination()
    {
        if (IsSource)
        {
            throw new RuleNotApplicableException($"{ConnectorName} is a source: the rule is a destination's.");
        }
    }
}
