namespace Connectors.Runtime.Platform;

/// <summary>How well a connector is doing, as it tells the platform (TetraScience's health statuses).</summary>
public enum HealthStatus
{
    /// <summary>Working as it should.</summary>
    Healthy,

    /// <summary>Working, but something needs attention (a folder that disappeared, a slow source).</summary>
    Warning,

    /// <summary>Not doing its job (a failed start, a source it cannot reach).</summary>
    Error,

    /// <summary>Broken beyond what it can recover from by itself.</summary>
    Critical,
}

/// <summary>The wire names of <see cref="HealthStatus"/>.</summary>
public static class HealthStatusNames
{
    /// <summary><c>HEALTHY</c>, <c>WARNING</c>, <c>ERROR</c> or <c>CRITICAL</c>.</summary>
    public static string ToText(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => "HEALTHY",
        HealthStatus.Warning => "WARNING",
        HealthStatus.Error => "ERROR",
        _ => "CRITICAL",
    };

    /// <summary>Parses a wire name (any case).</summary>
    public static bool TryParse(string? text, out HealthStatus status)
    {
        switch (text?.ToUpperInvariant())
        {
            case "HEALTHY":
                status = HealthStatus.Healthy;
                return true;
            case "WARNING":
                status = HealthStatus.Warning;
                return true;
            case "ERROR":
                status = HealthStatus.Error;
                return true;
            case "CRITICAL":
                status = HealthStatus.Critical;
                return true;
            default:
                status = HealthStatus.Healthy;
                return false;
        }
    }
}
