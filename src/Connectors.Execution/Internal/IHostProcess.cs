using System;
using System.IO;
using System.Threading.Tasks;

namespace Connectors.Execution.Internal;

/// <summary>A command line running on a host: its three standard streams and its end.</summary>
internal interface IHostProcess : IAsyncDisposable
{
    /// <summary>Written to the process; disposing it closes the process's standard input.</summary>
    Stream Stdin { get; }

    Stream Stdout { get; }

    Stream Stderr { get; }

    /// <summary>
    /// Completes with the exit code (null when a signal ended it) as soon as the process has exited, even while a
    /// background child still holds its output open; faults when the connection is lost.
    /// </summary>
    Task<int?> Exited { get; }

    /// <summary>Stops waiting for the process: closes the channel (SSH) or kills its process tree (local).</summary>
    void Abort();
}
