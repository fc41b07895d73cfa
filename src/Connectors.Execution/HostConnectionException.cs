using System;

namespace Connectors.Execution;

/// <summary>A host could not be connected to, refused the credentials, presented an unknown key, or the connection was lost.</summary>
public sealed class HostConnectionException : Exception
{
    /// <summary>Creates the exception; <paramref name="message"/> names the host and the problem.</summary>
    public HostConnectionException(string host, string message, Exception? innerException = null) : base(message, innerException) => Host = host;

    /// <summary>The host's name.</summary>
    public string Host { get; }
}
