using System;
using System.Collections.Generic;

namespace Connectors.Client;

/// <summary>Something went wrong running a connector. Messages never hold a secret: they are masked before they are made.</summary>
public class ConnectorException : Exception
{
    /// <summary>An error with a message.</summary>
    public ConnectorException(string message) : base(message)
    {
    }

    /// <summary>An error caused by another.</summary>
    public ConnectorException(string message, Exception? inner) : base(message, inner)
    {
    }
}

/// <summary>
/// The connector reported a failure (TRACE ERROR) or exited with a non-zero code. Carries what a person needs to see why:
/// the connector's error messages and failure type, its exit code, and the last log lines it wrote (LOG messages and
/// stderr), all masked.
/// </summary>
public sealed class ConnectorFailedException : ConnectorException
{
    internal ConnectorFailedException(string message, string connector, string command, int? exitCode, string? failureType,
        IReadOnlyList<string> errors, IReadOnlyList<string> logTail, IReadOnlyList<string> stderrTail)
        : base(message)
    {
        Connector = connector;
        Command = command;
        ExitCode = exitCode;
        FailureType = failureType;
        Errors = errors;
        LogTail = logTail;
        StderrTail = stderrTail;
    }

    /// <summary>The connector's name.</summary>
    public string Connector { get; }

    /// <summary>The protocol command that failed (<c>check</c>, <c>read</c> …).</summary>
    public string Command { get; }

    /// <summary>The process's exit code (null when it was stopped before it exited).</summary>
    public int? ExitCode { get; }

    /// <summary>The TRACE ERROR's failure type: <c>system_error</c>, <c>config_error</c> or <c>transient_error</c>.</summary>
    public string? FailureType { get; }

    /// <summary>The messages of every TRACE ERROR the connector emitted.</summary>
    public IReadOnlyList<string> Errors { get; }

    /// <summary>The last LOG messages (<c>LEVEL message</c>).</summary>
    public IReadOnlyList<string> LogTail { get; }

    /// <summary>The last lines the connector wrote on stderr.</summary>
    public IReadOnlyList<string> StderrTail { get; }
}
