using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Connectors;

namespace Shell;

/// <summary>
/// The hosts the connector is connected to. Connecting checks that each host can be reached (a TCP connection to its
/// endpoint; the local machine always can), as pyinfra's <c>connect</c> does; disconnecting never fails.
/// </summary>
internal sealed class Connections
{
    private readonly object _gate = new();
    private IReadOnlyList<string> _connected = [];

    /// <summary>The names of the connected hosts.</summary>
    public IReadOnlyList<string> Connected
    {
        get
        {
            lock (_gate)
            {
                return _connected;
            }
        }
    }

    /// <summary>Connects to every host, or throws a <see cref="ConfigException"/> naming each one that cannot be reached.</summary>
    public async Task ConnectAsync(IReadOnlyList<InventoryHost> hosts, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        foreach (var host in hosts.Where(h => !h.IsLocal))
        {
            if (await ReachAsync(host, timeout, cancellationToken) is { } problem)
            {
                problems.Add(problem);
            }
        }
        if (problems.Count > 0)
        {
            throw new ConfigException(string.Join(" ", problems));
        }
        lock (_gate)
        {
            _connected = hosts.Select(h => h.Name).ToList();
        }
    }

    public void Disconnect()
    {
        lock (_gate)
        {
            _connected = [];
        }
    }

    private static async Task<string?> ReachAsync(InventoryHost host, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var (address, port) = host.Endpoint;
        using var within = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        within.CancelAfter(timeout);
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(address, port, within.Token);
            return null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"Cannot connect to host '{host.Name}' at {address}:{port}: no answer within {timeout.TotalSeconds} s.";
        }
        catch (SocketException ex)
        {
            return $"Cannot connect to host '{host.Name}' at {address}:{port}: {ex.Message}.";
        }
    }
}
