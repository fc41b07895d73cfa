using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Connectors.Runtime.Platform;

/// <summary>
/// Where the local platform services keep connector data and file status records, durably: what a save returned must
/// survive a crash and a restart. The runtime's default is a JSON file with no dependency (<c>connector-data.json</c>);
/// the <c>Connectors.Platform.Sqlite</c> package supplies SQLite (<c>connector.db</c>) for many records. The store sees
/// secure values only sealed (encrypted by the runtime before they reach it) and is called one operation at a time.
/// </summary>
public interface IConnectorStore : IDisposable
{
    /// <summary>Upserts values by key.</summary>
    Task SaveValuesAsync(IReadOnlyList<StoredValue> values, CancellationToken cancellationToken);

    /// <summary>The values of these keys that exist (every value when <paramref name="keys"/> is null), in ordinal key order.</summary>
    Task<IReadOnlyList<StoredValue>> GetValuesAsync(IReadOnlyList<string>? keys, CancellationToken cancellationToken);

    /// <summary>
    /// Upserts file status records by unique external id, stamping <see cref="ConnectorFile.UpdatedAt"/> with
    /// <paramref name="at"/> (and <see cref="ConnectorFile.CreatedAt"/> on a new record).
    /// </summary>
    Task SaveFilesAsync(IReadOnlyList<ConnectorFile> files, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>The records the query selects, oldest update first (then by id), at most <see cref="ConnectorFileQuery.Limit"/>.</summary>
    Task<IReadOnlyList<ConnectorFile>> GetFilesAsync(ConnectorFileQuery query, CancellationToken cancellationToken);
}

/// <summary>One connector value as a store keeps it.</summary>
/// <param name="Key">Its key.</param>
/// <param name="Text">The value's JSON text, or, when <paramref name="Secure"/>, that text sealed by the runtime.</param>
/// <param name="Secure">The value is secret.</param>
public sealed record StoredValue(string Key, string Text, bool Secure);

/// <summary>
/// Chooses the store of the local platform services (docs/platform-services.md). Referencing the
/// <c>Connectors.Platform.Sqlite</c> package calls <see cref="Use"/> before <c>Main</c>; a connector may call it itself,
/// before its first use of connector data or file records (in <c>[OnInitializing]</c> at the latest).
/// </summary>
public static class ConnectorStores
{
    private static Func<string, IConnectorStore>? _open;

    /// <summary>Makes <paramref name="open"/>, given the data directory, make the store from now on.</summary>
    public static void Use(Func<string, IConnectorStore> open) => _open = open ?? throw new ArgumentNullException(nameof(open));

    /// <summary>The store for a data directory: the chosen one, else the JSON file.</summary>
    internal static IConnectorStore Open(string directory) => _open?.Invoke(directory) ?? new JsonFileStore(directory);
}
