using System;

namespace Connectors.Runtime.Platform;

/// <summary>A health status, why, and since when.</summary>
/// <param name="Status">The status.</param>
/// <param name="Message">Why (masked before it leaves the process); null when there is nothing to say.</param>
/// <param name="Since">When the status or message last changed.</param>
public sealed record HealthReport(HealthStatus Status, string? Message, DateTimeOffset Since);

/// <summary>
/// The connector's health: set it from connector code (<c>context.Health.Set(HealthStatus.Warning, "…")</c>); the host
/// reports each change at once and the current health with every heartbeat. The host itself sets <c>Error</c> when a
/// start-up hook or a Start fails, and clears what it set when a later Start succeeds. Safe from any thread.
/// </summary>
public sealed class ConnectorHealth
{
    private readonly object _gate = new();
    private readonly TimeProvider _time;
    private HealthReport _current;
    private bool _setByHost;

    internal ConnectorHealth(TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
        _current = new HealthReport(HealthStatus.Healthy, null, _time.GetUtcNow());
    }

    /// <summary>The health now.</summary>
    public HealthReport Current
    {
        get
        {
            lock (_gate)
            {
                return _current;
            }
        }
    }

    /// <summary>The status now.</summary>
    public HealthStatus Status => Current.Status;

    /// <summary>Raised (on the setting thread, outside the lock) after each change of status or message.</summary>
    internal event Action<HealthReport>? Changed;

    /// <summary>Sets the health; nothing is reported when neither the status nor the message changes.</summary>
    public void Set(HealthStatus status, string? message = null) => Set(status, message, byHost: false);

    /// <summary>Healthy again.</summary>
    public void Healthy(string? message = null) => Set(HealthStatus.Healthy, message);

    /// <summary>A warning, with why.</summary>
    public void Warning(string message) => Set(HealthStatus.Warning, message);

    /// <summary>An error, with why.</summary>
    public void Error(string message) => Set(HealthStatus.Error, message);

    /// <summary>The host reports a failure it saw (a failed start-up hook or Start).</summary>
    internal void SetByHost(HealthStatus status, string message) => Set(status, message, byHost: true);

    /// <summary>Clears a failure the host reported, if the connector has not set its health since.</summary>
    internal void ClearHostFailure()
    {
        bool mine;
        lock (_gate)
        {
            mine = _setByHost;
        }
        if (mine)
        {
            Set(HealthStatus.Healthy, null, byHost: false);
        }
    }

    private void Set(HealthStatus status, string? message, bool byHost)
    {
        HealthReport report;
        lock (_gate)
        {
            _setByHost = byHost;
            if (_current.Status == status && _current.Message == message)
            {
                return;
            }
            report = _current = new HealthReport(status, message, _time.GetUtcNow());
        }
        Changed?.Invoke(report);
    }
}
