namespace Connectors;

/// <summary>
/// Whether a long-running connector should be moving data: <c>TetraScience.Connector.Start</c> sets
/// <see cref="Running"/>, <c>TetraScience.Connector.Stop</c> sets <see cref="Idle"/>.
/// </summary>
public enum OperatingStatus
{
    /// <summary>Connected and configured, but not moving data (<c>IDLE</c>).</summary>
    Idle,

    /// <summary>Moving data (<c>RUNNING</c>).</summary>
    Running,
}
