using System;
using System.Collections.Generic;
using System.Data.Common;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Connectors.Client.Execution;

namespace Connectors.Client.Caching;

/// <summary>
/// A local database a source is read into: one table per stream (typed columns plus <c>_airbyte_raw_id</c>,
/// <c>_airbyte_extracted_at</c>, <c>_airbyte_meta</c>) and the table <c>_airbyte_state</c>, which keeps each stream's last
/// state so the next read is incremental. A read writes into staging tables and swaps them in, with the new state, in one
/// transaction at its end: a read that fails leaves the tables and the state as they were.
/// </summary>
public abstract class Cache
{
    /// <summary>The table holding the streams' states.</summary>
    public const string StateTable = "_airbyte_state";

    /// <summary>The table listing the streams read into the cache, with their catalog entries (for writing from the cache).</summary>
    public const string StreamsTable = "_airbyte_streams";

    /// <summary>The prefix of staging tables.</summary>
    public const string StagingPrefix = "_airbyte_tmp_";

    /// <summary>A prefix for every stream table (none by default).</summary>
    public string TablePrefix { get; init; } = "";

    /// <summary><c>sqlite</c>, <c>duckdb</c> or <c>postgres</c>.</summary>
    public abstract string Kind { get; }

    /// <summary>Where the cache is, for people (a path, or a connection string without its password).</summary>
    public abstract string Location { get; }

    /// <summary>
    /// A cache from its command-line form: <c>sqlite:PATH</c>, <c>duckdb:PATH</c> or <c>postgres:CONNECTION-STRING</c>
    /// (<c>Host=…;Database=…;Username=…</c>, with an optional <c>Schema=…</c>).
    /// </summary>
    public static Cache Parse(string text)
    {
        var colon = text.IndexOf(':');
        var kind = colon > 0 ? text[..colon] : "";
        var rest = colon > 0 ? text[(colon + 1)..] : "";
        return kind switch
        {
            "sqlite" when rest.Length > 0 => new SqliteCache(rest),
            "duckdb" when rest.Length > 0 => new DuckDbCache(rest),
            "postgres" or "postgresql" when rest.Length > 0 => new PostgresCache(rest),
            _ => throw new ConnectorException($"'{text}' is not a cache: use sqlite:PATH, duckdb:PATH or postgres:CONNECTION-STRING."),
        };
    }

    /// <summary>The default cache: a SQLite file in the connectors home (<c>cache/default.sqlite</c>).</summary>
    public static SqliteCache Default(ConnectorHome? home = null)
    {
        var path = (home ?? ConnectorHome.Default).DefaultCachePath;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return new SqliteCache(path);
    }

    /// <summary>The table of <paramref name="stream"/>.</summary>
    public string TableName(string stream) => TableSchema.Normalize(TablePrefix + stream);

    /// <summary>An open connection to the cache, to query it.</summary>
    public abstract DbConnection OpenConnection();

    /// <summary>
    /// The saved state of <paramref name="streams"/> for <paramref name="source"/> (and, for a destination's progress,
    /// <paramref name="destination"/>), as a <c>--state</c> array; null when none is saved.
    /// </summary>
    public async Task<JsonArray?> GetStateAsync(string source, IEnumerable<string> streams, CancellationToken cancellationToken = default,
        string destination = "")
    {
        var saved = await GetStatesAsync(source, destination, cancellationToken).ConfigureAwait(false);
        var wanted = streams.ToHashSet(StringComparer.Ordinal);
        var array = new JsonArray();
        foreach (var (stream, json) in saved)
        {
            if (wanted.Contains(stream) || stream == GlobalStateKey)
            {
                array.Add(JsonNode.Parse(json));
            }
        }
        return array.Count == 0 ? null : array;
    }

    /// <summary>Every saved state of <paramref name="source"/> (to <paramref name="destination"/>, or into this cache when empty): stream → AirbyteStateMessage JSON.</summary>
    public async Task<IReadOnlyDictionary<string, string>> GetStatesAsync(string source, string destination = "", CancellationToken cancellationToken = default)
    {
        await using var connection = OpenConnection();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT 1 FROM {Qualify(StateTable)} WHERE 1 = 0";
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbException)
        {
            return new Dictionary<string, string>();
        }
        command.CommandText = $"SELECT stream_name, state_json FROM {Qualify(StateTable)} WHERE source_name = {Parameter("source")} AND destination_name = {Parameter("destination")} ORDER BY stream_name";
        AddParameter(command, "source", source);
        AddParameter(command, "destination", destination);
        var states = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            states[reader.GetString(0)] = reader.GetString(1);
        }
        return states;
    }

    /// <summary>The key under which a GLOBAL state is kept.</summary>
    internal const string GlobalStateKey = "__global__";

    /// <summary>Opens a session writing <paramref name="plans"/>.</summary>
    internal abstract CacheSession BeginSession(IReadOnlyList<CacheStreamPlan> plans);

    /// <summary>Whether the cache stores dates and timestamps as typed values (parsed) rather than text.</summary>
    internal abstract bool ParsesTemporal { get; }

    /// <summary>A table name, schema-qualified and quoted.</summary>
    internal abstract string Qualify(string table);

    internal abstract string Parameter(string name);

    internal abstract void AddParameter(DbCommand command, string name, object? value);

    internal static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"") + "\"";

    /// <inheritdoc />
    public override string ToString() => $"{Kind}:{Location}";
}
