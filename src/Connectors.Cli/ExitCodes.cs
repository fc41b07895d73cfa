namespace Connectors.Cli;

/// <summary>The exit codes of the connectors command (docs/client.md).</summary>
internal static class ExitCodes
{
    /// <summary>Done.</summary>
    public const int Success = 0;

    /// <summary>A connector failed (TRACE ERROR or a non-zero exit), or a sync could not complete.</summary>
    public const int Failure = 1;

    /// <summary>The command line was wrong.</summary>
    public const int Usage = 2;

    /// <summary>The config does not match the connector's spec.</summary>
    public const int InvalidConfig = 3;

    /// <summary><c>check</c> ran and the connector reported FAILED.</summary>
    public const int CheckFailed = 4;

    /// <summary>Interrupted (Ctrl+C): nothing was committed to the cache.</summary>
    public const int Interrupted = 130;
}
