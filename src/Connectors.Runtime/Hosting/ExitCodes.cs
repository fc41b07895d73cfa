namespace Connectors.Runtime.Hosting;

/// <summary>The process exit codes of connector hosts.</summary>
public static class ExitCodes
{
    /// <summary>The command did its job.</summary>
    public const int Success = 0;

    /// <summary>The command failed; a TRACE ERROR (or a FAILURE response) says why.</summary>
    public const int Failure = 1;

    /// <summary>The command line was wrong; usage went to stderr.</summary>
    public const int Usage = 2;

    /// <summary>Stopped by SIGINT (128 + 2).</summary>
    public const int Interrupted = 130;

    /// <summary>The reader of stdout went away (128 + SIGPIPE), as a shell reports a process killed by it.</summary>
    public const int OutputClosed = 141;

    /// <summary>Stopped by SIGTERM (128 + 15).</summary>
    public const int Terminated = 143;
}
