using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using System.Threading.Tasks;
using Xunit;

namespace Connectors.IntegrationTests.Infrastructure;

/// <summary>A connector built by this solution, run as a real process: <c>dotnet &lt;dll&gt; &lt;args&gt;</c>.</summary>
internal sealed class Connector
{
    /// <summary>How long a process may run before the test gives up on it (a guard against hangs, not a timing assertion).</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    private readonly Lazy<Task<Discovery>> _discovery;
    private readonly string? _discoverConfig;

    // A destination has no discover command (null): its output holds no RECORD to validate against a stream schema.
    private Connector(string assemblyName, string? discoverConfig)
        : this(assemblyName, BuiltBySolution(assemblyName), discoverConfig)
    {
    }

    private Connector(string assemblyName, string dllPath, string? discoverConfig)
    {
        Name = assemblyName;
        _discoverConfig = discoverConfig;
        DllPath = dllPath;
        if (!File.Exists(DllPath))
        {
            throw new FileNotFoundException($"{assemblyName} was not built at {DllPath}.", DllPath);
        }
        _discovery = new Lazy<Task<Discovery>>(DiscoverOnceAsync);
    }

    /// <summary>The Faker sample (samples/Faker.Source).</summary>
    public static Connector Faker { get; } = new("source-faker", """{"count": 10, "seed": 0}""");

    /// <summary>The Kitchen test connector (tests/TestConnectors/Kitchen.Source).</summary>
    public static Connector Kitchen { get; } = new("source-kitchen", """{"api_key": "discover-key"}""");

    /// <summary>A connector built outside this solution (from packages), run and validated like the others; a destination has no discover config.</summary>
    public static Connector BuiltAt(string dllPath, string? discoverConfig) =>
        new(Path.GetFileNameWithoutExtension(dllPath), dllPath, discoverConfig);

    /// <summary>The SQLite destination sample (samples/Sqlite.Destination).</summary>
    public static Connector Sqlite { get; } = new("destination-sqlite", null);

    /// <summary>The PostgreSQL destination sample (samples/Postgres.Destination).</summary>
    public static Connector Postgres { get; } = new("destination-postgres", null);

    /// <summary>The Journal test destination (tests/TestConnectors/Journal.Destination).</summary>
    public static Connector Journal { get; } = new("destination-journal", null);

    /// <summary>The Lifecycle test connector (tests/TestConnectors/Lifecycle.Connector): journals hooks, binds every payload shape.</summary>
    public static Connector Lifecycle { get; } = new("lifecycle-connector", """{"api_key": "discover-key"}""");

    /// <summary>The Probe test connector (tests/TestConnectors/Probe.Connector): prints its secrets in every form, every way.</summary>
    public static Connector Probe { get; } = new("probe-connector", """{"api_key": "discover-key-1", "password": "discover password"}""");

    /// <summary>The Instrument sample (samples/Instrument.Connector): polls a results folder.</summary>
    public static Connector Instrument { get; } = new("instrument-connector", """{"watch_folder": "."}""");

    /// <summary>The Shell sample (samples/Shell.Connector): inventory and command execution.</summary>
    public static Connector Shell { get; } = new("shell-connector", "{}");

    /// <summary>The npm registry sample (samples/NpmRegistry.Source); discover needs no server.</summary>
    public static Connector NpmRegistry { get; } = new("source-npm-registry", """{"registry_url": "http://127.0.0.1:9/", "token": "discover-token"}""");

    private static readonly Connector[] Sources = [Faker, Kitchen, Lifecycle, Probe, Instrument, Shell, NpmRegistry];

    private static readonly Connector[] Destinations = [Sqlite, Postgres, Journal];

    /// <summary>Every source connector, by name, for theories that hold for all of them.</summary>
    public static TheoryData<string> All => new(Sources.Select(c => c.Name));

    /// <summary>A connector by its name.</summary>
    public static Connector Named(string name) => Sources.Concat(Destinations).FirstOrDefault(c => c.Name == name)
        ?? throw new ArgumentException($"No connector is named {name}.", nameof(name));

    /// <summary>The connector's name (its assembly name).</summary>
    public string Name { get; }

    /// <summary>The config <c>discover</c> runs with; null for a destination.</summary>
    public string? DiscoverConfig => _discoverConfig;

    /// <summary>The built dll.</summary>
    public string DllPath { get; }

    /// <summary>The directory the dll was built into (samples copy their example files there).</summary>
    public string OutputDirectory => Path.GetDirectoryName(DllPath)!;

    /// <summary>The catalog <c>discover</c> prints, read once per test run; every RECORD is validated against it.</summary>
    public Task<Discovery> DiscoverAsync() => _discovery.Value;

    /// <summary>Runs the connector to the end and returns what it wrote, every stdout line validated.</summary>
    public Task<ConnectorRun> RunAsync(params string[] args) => RunAsync(args, environment: null);

    /// <summary>Runs the connector with extra environment variables (a null value removes a variable).</summary>
    public async Task<ConnectorRun> RunAsync(IReadOnlyList<string> args, IReadOnlyDictionary<string, string?>? environment,
        string? workingDirectory = null)
    {
        await using var process = await StartAsync(args, environment, workingDirectory: workingDirectory).ConfigureAwait(false);
        return await process.WaitForExitAsync().ConfigureAwait(false);
    }

    /// <summary>Starts the connector; the caller reads its output while it runs (signals, broken pipes).</summary>
    /// <param name="keepStdin">Leaves stdin open for the caller to write (a destination's input); otherwise it is closed at once.</param>
    public async Task<RunningConnector> StartAsync(IReadOnlyList<string> args,
        IReadOnlyDictionary<string, string?>? environment = null, bool pumpStdout = true, bool keepStdin = false,
        string? workingDirectory = null)
    {
        var schemas = _discoverConfig is null ? null : (await DiscoverAsync().ConfigureAwait(false)).Schemas;
        return RunningConnector.Start(this, StartInfo(args, environment, workingDirectory), args, schemas, pumpStdout, keepStdin);
    }

    /// <summary>Builds a configured catalog from the discovered one, the way Airbyte's acceptance tests do.</summary>
    public Task<string> CatalogAsync(string syncMode, params string[] streams) => WriteCatalogAsync(syncMode, null, streams);

    /// <summary>A configured catalog whose streams are written with <paramref name="destinationSyncMode"/> (by default append, append_dedup for incremental).</summary>
    public async Task<string> WriteCatalogAsync(string syncMode, string? destinationSyncMode, params string[] streams)
    {
        var discovered = (await DiscoverAsync().ConfigureAwait(false)).Catalog;
        var byName = discovered.GetProperty("streams").EnumerateArray().ToDictionary(s => s.GetProperty("name").GetString()!);
        var names = streams.Length > 0 ? streams : byName.Keys.ToArray();
        return TestFiles.Json("catalog", new
        {
            streams = names.Select(name => ConfiguredStream(byName.TryGetValue(name, out var stream) ? stream : Unknown(name), syncMode, destinationSyncMode)).ToArray(),
        });
    }

    private static object ConfiguredStream(JsonElement stream, string syncMode, string? destinationSyncMode)
    {
        var configured = new Dictionary<string, object>
        {
            ["stream"] = stream,
            ["sync_mode"] = syncMode,
            ["destination_sync_mode"] = destinationSyncMode ?? (syncMode == "incremental" ? "append_dedup" : "append"),
        };
        if (stream.TryGetProperty("default_cursor_field", out var cursor))
        {
            configured["cursor_field"] = cursor;
        }
        if (stream.TryGetProperty("source_defined_primary_key", out var key))
        {
            configured["primary_key"] = key;
        }
        return configured;
    }

    private static JsonElement Unknown(string name) => JsonSerializer.SerializeToElement(new
    {
        name,
        json_schema = new { type = "object" },
        supported_sync_modes = new[] { "full_refresh" },
    });

    private static string BuiltBySolution(string assemblyName) =>
        typeof(Connector).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "connector:" + assemblyName)?.Value
        ?? throw new InvalidOperationException($"The test assembly does not know where {assemblyName} was built (see AddConnectorPaths in the csproj).");

    private async Task<Discovery> DiscoverOnceAsync()
    {
        var args = new[] { "discover", "--config", TestFiles.Write("discover-config.json", _discoverConfig ?? throw new InvalidOperationException($"{Name} has no discover command.")) };
        await using var process = RunningConnector.Start(this, StartInfo(args, null), args, schemas: null, pumpStdout: true, keepStdin: false);
        var run = await process.WaitForExitAsync().ConfigureAwait(false);
        var catalogs = run.OfType("CATALOG").ToList();
        if (run.ExitCode != 0 || catalogs.Count != 1)
        {
            throw new InvalidOperationException($"discover did not print one catalog:\n{run.Describe()}");
        }
        var catalog = catalogs[0].GetProperty("catalog");
        return new Discovery(run, catalog, new RecordSchemas(catalog));
    }

    /// <summary>How to start the connector: <c>dotnet &lt;dll&gt; &lt;args&gt;</c>, every stream redirected, LOG_LEVEL from the test.</summary>
    public ProcessStartInfo StartInfo(IReadOnlyList<string> args, IReadOnlyDictionary<string, string?>? environment, string? workingDirectory = null) =>
        new Connectors.Testing.Processes.ConnectorProgram(DllPath, environment ?? new Dictionary<string, string?>(), workingDirectory ?? TestFiles.Directory, Timeout)
            .StartInfo(args);

    /// <summary>The dotnet executable running the tests (so connectors and child builds use the same SDK and runtime).</summary>
    public static string DotnetHost() => Connectors.Testing.Processes.ConnectorProgram.DotnetHost();
}

/// <summary>What <c>discover</c> printed: the catalog and the record schemas built from it.</summary>
internal sealed record Discovery(ConnectorRun Run, JsonElement Catalog, RecordSchemas Schemas);
