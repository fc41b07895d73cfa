using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Connectors.Execution.Inventory;

namespace Connectors.Execution;

/// <summary>
/// The connections of an inventory's hosts, and work run over several of them at once: in parallel up to a limit, each
/// host's result reported on its own, one failing or unreachable host never stopping the others. A host whose connection
/// failed (or was lost) stays failed: work for it is refused with the reason, until <see cref="ConnectAsync"/> connects
/// it again. A host never connected is connected when work first needs it (unless <see cref="ConnectOnDemand"/> is off).
/// </summary>
public sealed class HostPool : IAsyncDisposable
{
    private readonly Func<InventoryHost, IHostConnection> _create;
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>Creates a pool; <paramref name="create"/> makes an (unconnected) connection for a host of the inventory.</summary>
    public HostPool(Func<InventoryHost, IHostConnection> create) => _create = create ?? throw new ArgumentNullException(nameof(create));

    /// <summary>Connect hosts that were never connected when work needs them (default true).</summary>
    public bool ConnectOnDemand { get; init; } = true;

    /// <summary>The state of one host.</summary>
    public HostState State(string host)
    {
        lock (_entries)
        {
            return _entries.TryGetValue(host, out var entry) ? entry.State : new HostState(HostStatus.NotConnected, null);
        }
    }

    /// <summary>Connects (again) each host, up to <paramref name="parallel"/> at a time; each result says connected or why not.</summary>
    public Task<IReadOnlyList<HostResult<bool>>> ConnectAsync(IReadOnlyList<InventoryHost> hosts, int parallel, CancellationToken cancellationToken = default) =>
        ForEachAsync(hosts, parallel, async (host, token) =>
        {
            await ConnectEntryAsync(host, token).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    /// <summary>
    /// Runs <paramref name="work"/> on each host's connection, up to <paramref name="parallel"/> hosts at a time. A host that
    /// failed to connect gets an error naming the failure instead; an exception from the work becomes that host's error.
    /// </summary>
    public Task<IReadOnlyList<HostResult<T>>> RunAsync<T>(IReadOnlyList<InventoryHost> hosts, int parallel,
        Func<InventoryHost, IHostConnection, CancellationToken, Task<T>> work, CancellationToken cancellationToken = default) =>
        ForEachAsync(hosts, parallel, async (host, token) =>
        {
            var connection = await ConnectionAsync(host, token).ConfigureAwait(false);
            try
            {
                return await work(host, connection, token).ConfigureAwait(false);
            }
            catch (HostConnectionException ex)
            {
                MarkFailed(host.Name, ex.Message);
                throw;
            }
        }, cancellationToken);

    /// <summary>Disconnects the given hosts (all when null) and forgets their state. Never fails.</summary>
    public async Task DisconnectAsync(IReadOnlyList<InventoryHost>? hosts = null)
    {
        List<Entry> entries;
        lock (_entries)
        {
            entries = hosts is null ? _entries.Values.ToList() : hosts.Select(h => _entries.GetValueOrDefault(h.Name)).OfType<Entry>().ToList();
            foreach (var entry in entries)
            {
                _entries.Remove(entry.Host);
            }
        }
        await Task.WhenAll(entries.Select(e => e.CloseAsync())).ConfigureAwait(false);
    }

    /// <summary>Disconnects every host.</summary>
    public async ValueTask DisposeAsync() => await DisconnectAsync().ConfigureAwait(false);

    private static async Task<IReadOnlyList<HostResult<T>>> ForEachAsync<T>(IReadOnlyList<InventoryHost> hosts, int parallel,
        Func<InventoryHost, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parallel, 1);
        using var slots = new SemaphoreSlim(parallel, parallel);
        var results = hosts.Select(async host =>
        {
            await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return new HostResult<T>(host.Name, await work(host, cancellationToken).ConfigureAwait(false), null);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                return new HostResult<T>(host.Name, default, ex.Message);
            }
            finally
            {
                slots.Release();
            }
        }).ToList();
        return await Task.WhenAll(results).ConfigureAwait(false);
    }

    private async Task<IHostConnection> ConnectionAsync(InventoryHost host, CancellationToken cancellationToken)
    {
        Entry? entry;
        lock (_entries)
        {
            entry = _entries.GetValueOrDefault(host.Name);
        }
        if (entry?.Failure is { } failure)
        {
            throw new HostConnectionException(host.Name, $"Host '{host.Name}' is not connected: {failure}");
        }
        if (entry?.Connection is { IsConnected: true } connection && entry.Connecting is { IsCompletedSuccessfully: true })
        {
            return connection;
        }
        if (entry?.Connecting is { IsCompleted: false } pending)
        {
            await pending.WaitAsync(cancellationToken).ConfigureAwait(false);
            return entry.Connection!;
        }
        if (entry is null && ConnectOnDemand)
        {
            return await ConnectEntryAsync(host, cancellationToken).ConfigureAwait(false);
        }
        throw new HostConnectionException(host.Name, entry?.Connection is null
            ? $"Host '{host.Name}' is not connected."
            : $"Host '{host.Name}' is not connected: the connection was lost.");
    }

    /// <summary>Replaces the host's connection with a new one and connects it; a failure is remembered.</summary>
    private async Task<IHostConnection> ConnectEntryAsync(InventoryHost host, CancellationToken cancellationToken)
    {
        Entry entry;
        Entry? previous;
        lock (_entries)
        {
            previous = _entries.GetValueOrDefault(host.Name);
            entry = new Entry(host.Name);
            _entries[host.Name] = entry;
        }
        if (previous is not null)
        {
            await previous.CloseAsync().ConfigureAwait(false);
        }
        entry.Connecting = OpenAsync(entry, host, cancellationToken);
        await entry.Connecting.ConfigureAwait(false);
        return entry.Connection!;
    }

    private async Task OpenAsync(Entry entry, InventoryHost host, CancellationToken cancellationToken)
    {
        try
        {
            entry.Connection = _create(host);
            await entry.Connection.ConnectAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            entry.Failure = ex is OperationCanceledException ? "connecting was cancelled." : ex.Message;
            throw;
        }
    }

    private void MarkFailed(string host, string reason)
    {
        lock (_entries)
        {
            if (_entries.TryGetValue(host, out var entry))
            {
                entry.Failure ??= reason;
            }
        }
    }

    private sealed class Entry(string host)
    {
        public string Host { get; } = host;

        public IHostConnection? Connection { get; set; }

        public Task? Connecting { get; set; }

        public string? Failure { get; set; }

        public HostState State => Failure is { } failure
            ? new HostState(HostStatus.Failed, failure)
            : Connection is { IsConnected: true } ? new HostState(HostStatus.Connected, null) : new HostState(HostStatus.NotConnected, null);

        public async Task CloseAsync()
        {
            try
            {
                if (Connection is { } connection)
                {
                    await connection.DisposeAsync().ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // Disconnecting never fails.
            }
        }
    }
}

/// <summary>One host's outcome of work run over several hosts: a value, or the error that stopped it on that host.</summary>
/// <param name="Host">The host's name.</param>
/// <param name="Value">What the work returned (default when it failed).</param>
/// <param name="Error">Why it failed on this host; null when it succeeded.</param>
public sealed record HostResult<T>(string Host, T? Value, string? Error)
{
    /// <summary>True when the work ran to its end on this host.</summary>
    public bool Succeeded => Error is null;
}

/// <summary>Whether a host of a <see cref="HostPool"/> is connected.</summary>
public enum HostStatus
{
    /// <summary>Never connected, or disconnected.</summary>
    NotConnected,

    /// <summary>Connected.</summary>
    Connected,

    /// <summary>Connecting failed, or the connection was lost; work is refused until it is connected again.</summary>
    Failed,
}

/// <summary>A host's status and, when it failed, why.</summary>
public readonly record struct HostState(HostStatus Status, string? Failure);
