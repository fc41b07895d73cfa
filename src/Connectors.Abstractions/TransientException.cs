using System;

namespace Connectors;

/// <summary>
/// A temporary failure outside the connector (a server that stayed unavailable, a rate limit that outlasted the retries):
/// a later sync may succeed with the same configuration. A stream that throws it fails with an Airbyte
/// <c>transient_error</c> instead of a <c>system_error</c>.
/// </summary>
public class TransientException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TransientException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with the error that caused it.</summary>
    public TransientException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
