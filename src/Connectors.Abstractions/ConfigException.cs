using System;

namespace Connectors;

/// <summary>
/// A problem the user must fix in the configuration (bad credentials, a missing permission, an unknown account).
/// Thrown from connector code, it becomes a failed check or an Airbyte <c>config_error</c> rather than a crash report.
/// </summary>
public class ConfigException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ConfigException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with the error that caused it.</summary>
    public ConfigException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
