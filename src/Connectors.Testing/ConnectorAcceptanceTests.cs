using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Connectors.Runtime;
using Connectors.Testing.Processes;
using Connectors.Testing.Session;

namespace Connectors.Testing;

/// <summary>
/// The rules every connector keeps, source or destination: its spec, its check, and its secrets. Derive from
/// <see cref="SourceAcceptanceTests{TConnector}"/> or <see cref="DestinationAcceptanceTests{TConnector}"/>; each rule is
/// a test of its own, named after the rule (docs/testing.md explains each one).
/// </summary>
/// <remarks>
/// The kit runs the connector the test project references as a real process, <c>dotnet &lt;connector&gt;.dll &lt;command&gt;</c>,
/// with config, catalog and state files of its own in a temporary folder (also the working directory), a timeout per
/// process, and kills every process it started. Runs several rules share (spec, discover, a read) are made once per test
/// class. Every member below has a default; override the ones your connector needs.
/// </remarks>
/// <typeparam name="TConnector">The connector class (the one with <c>[Connector]</c>).</typeparam>
public abstract partial class ConnectorAcceptanceTests<TConnector> where TConnector : class, IConnector<TConnector>
{
    /// <summary>The connector's name, from its <c>[Connector]</c> attribute.</summary>
    protected static string ConnectorName => TConnector.Descriptor.Name;

    /// <summary>
    /// A working config, as JSON. By default the <c>config.json</c> the connector's project copies beside its dll (the
    /// templates do); override it when there is none, or to point at a test server.
    /// </summary>
    protected virtual string Config
    {
        get
        {
            var path = ConnectorFile("config.json");
            return File.Exists(path)
                ? File.ReadAllText(path)
                : throw new InvalidOperationException(
                    $"No config.json beside {ConnectorName}'s dll ({path}): override Config with a working config for {ConnectorName}.");
        }
    }

    /// <summary>
    /// Configs the connector must refuse (check answers FAILED), as JSON. By default one: <see cref="Config"/> with its
    /// first property that is not a secret given a value of the wrong type.
    /// </summary>
    protected virtual IEnumerable<string> BadConfigs =>
        Spec() is { } spec && Configs.WithWrongType(spec, Config) is { } bad ? [bad] : [];

    /// <summary>
    /// Secret values that must appear in no output, besides the ones the kit finds itself: the values of
    /// <see cref="Config"/> at properties the spec marks <c>airbyte_secret</c>.
    /// </summary>
    protected virtual IEnumerable<string> Secrets => [];

    /// <summary>Property names that look like credentials but are not (the secret-marking rule lets them be).</summary>
    protected virtual IEnumerable<string> PropertiesThatAreNotSecrets => [];

    /// <summary>Environment variables for every process the kit starts (a null value removes a variable).</summary>
    protected virtual IReadOnlyDictionary<string, string?> Environment => new Dictionary<string, string?>();

    /// <summary>How long one connector process may run before the kit kills it and fails the rule (a guard against hangs).</summary>
    protected virtual TimeSpan ProcessTimeout => TimeSpan.FromMinutes(2);

    /// <summary>
    /// The connector to run instead of the dll the test project references: the path of its native AOT executable (what
    /// <c>dotnet publish -c Release -r linux-x64 -p:PublishAot=true</c> wrote) or of another build of it, so the battery
    /// checks what ships. The kit builds nothing: publish first. Null (the default): the referenced dll, run with dotnet.
    /// </summary>
    protected virtual string? ConnectorExecutable => null;

    /// <summary>A file beside the connector's dll (where its project copies its config and catalog files).</summary>
    protected static string ConnectorFile(string name) =>
        Path.Combine(Path.GetDirectoryName(ConnectorProgram.DllOf(typeof(TConnector).Assembly))!, name);

    /// <summary>The process runs and files of this test class.</summary>
    internal KitSession Session =>
        KitSession.For(GetType().FullName + "|" + ConnectorExecutable + "|" + string.Join(";", Environment.Select(e => e.Key + "=" + e.Value)),
            () => KitSession.Create(ConnectorExecutable ?? ConnectorProgram.DllOf(typeof(TConnector).Assembly), Environment, ProcessTimeout));

    /// <summary>A new, empty folder of this test class's, deleted when the tests end (for configs that need a place to write).</summary>
    protected string NewTemporaryFolder(string name = "folder") => Session.NewFolder(name);

    /// <summary>The test's config as a file.</summary>
    internal string ConfigFile(string? config = null) => Session.WriteFile("config.json", config ?? Config);

    /// <summary>The run of <c>spec</c>.</summary>
    internal Task<ProcessRun> SpecRunAsync() => Session.OnceAsync("spec", () => Session.RunAsync(["spec"]));

    /// <summary>The connectionSpecification the connector's <c>spec</c> printed, or null when it printed none.</summary>
    internal JsonElement? Spec()
    {
        var run = SpecRunAsync().GetAwaiter().GetResult();
        var specs = run.OfType("SPEC").Select(m => Message.Payload(Message.Payload(m, "spec"), "connectionSpecification"))
            .Where(s => s.ValueKind == JsonValueKind.Object).ToList();
        return specs.Count == 1 ? specs[0] : null;
    }

    /// <summary>The spec, or a skip pointing at the rule about it.</summary>
    internal async Task<JsonElement> RequireSpecAsync()
    {
        await SpecRunAsync().ConfigureAwait(false);
        return Spec() ?? throw new RuleNotApplicableException(
            $"{ConnectorName} spec printed no single SPEC with a connectionSpecification: see {nameof(Spec_prints_one_SPEC_with_a_draft07_connection_specification)}.");
    }

    /// <summary>Every secret value to search the output for: the config's airbyte_secret values and <see cref="Secrets"/>.</summary>
    internal IReadOnlyList<string> AllSecrets()
    {
        var fromConfig = Spec() is { } spec ? Configs.SecretValues(spec, JsonDocument.Parse(Config).RootElement) : [];
        return fromConfig.Concat(Secrets).Where(s => s.Length >= SecretForms.MinimumLength).Distinct().ToList();
    }
}
