using System;
using System.Collections.Generic;
using Connectors.Runtime.Airbyte;
using Connectors.Runtime.Protocol;

namespace Connectors.Runtime.Hosting;

/// <summary>
/// <c>spec</c> of a console process speaking the built-in protocols, written without building the host around it: no
/// console capture, secret masker, signal handlers, command table, logger or output timer. A JIT-compiled <c>spec</c>
/// spent most of its time loading and compiling that machinery (docs/aot.md, "Start-up under the JIT"), and a platform runs
/// <c>spec</c> often (every connector listing, every configuration form). The bytes are the <c>spec</c> command's own
/// (<see cref="SpecCommand.Write"/>); anything unusual (another argument, a registered protocol, an exception while
/// writing) leaves the command to the full host, which reports it as it always does.
/// </summary>
internal static class SpecShortcut
{
    /// <summary>
    /// The shorter way, for a generated <c>Main</c>: the SPEC line rendered from the connector's build-time
    /// <see cref="IConnector{TSelf}.Spec"/> (<see cref="AirbyteSpecLine"/>) before its description, the protocol list or
    /// System.Text.Json is touched. Null when that cannot be done (not exactly <c>spec</c>, a registered protocol, no
    /// build-time spec, text the line cannot be sure of): then the description's way is tried.
    /// </summary>
    public static int? TryRunBuildTime<TConnector>(string[] args) where TConnector : class, IConnector<TConnector>
    {
        if (args is not ["spec"] || ProtocolHosts.AnyRegistered || TConnector.Spec is not { } spec
            || AirbyteSpecLine.TryRender(spec) is not { } line)
        {
            return null;
        }
        using var stdout = OpenStandardOutput();
        return Settled(WriteLine(line, stdout), stdout);
    }

    /// <summary>
    /// File descriptor 1 as a <see cref="System.IO.FileStream"/>, whatever stdout is (a pipe, a file, <c>/dev/null</c>); the
    /// console's stream only on Windows or without a usable descriptor 1. System.Console is then never loaded and its
    /// terminal set-up (<c>ioctl</c>s, signal handlers, a signal-handling thread) never runs, which made about a tenth of a
    /// JIT-compiled <c>spec</c>'s page faults (docs/aot.md, "Start-up under the JIT").
    /// </summary>
    private static System.IO.Stream OpenStandardOutput() =>
        (System.IO.Stream?)HostIO.OpenDescriptor1() ?? HostIO.OpenStandardOutput();

    /// <summary>
    /// After a successful write into a seekable stdout (a file): a FileStream writes at the offset it read when it opened and
    /// does not move the descriptor's offset (.NET 6 and later); reading its <see cref="System.IO.FileStream.SafeFileHandle"/>
    /// moves the offset past the line, so what is written next into the file (<c>{ connector spec; echo; } &gt; file</c>)
    /// follows the line instead of overwriting it.
    /// </summary>
    internal static int? Settled(int? exitCode, System.IO.Stream stdout)
    {
        if (exitCode == ExitCodes.Success && stdout is System.IO.FileStream { CanSeek: true } file)
        {
            try
            {
                _ = file.SafeFileHandle;
            }
            catch (System.IO.IOException)
            {
                // The line is written; a descriptor whose offset cannot be set has nothing after it to protect.
            }
        }
        return exitCode;
    }

    /// <summary>Writes a rendered line; a reader that went away (EPIPE) exits 141, as <see cref="JsonLineWriter"/> reports it.</summary>
    internal static int WriteLine(byte[] line, System.IO.Stream output)
    {
        try
        {
            output.Write(line);
            output.Flush();
            return ExitCodes.Success;
        }
        catch (System.IO.IOException)
        {
            return ExitCodes.OutputClosed;
        }
    }

    /// <summary>The exit code, or null when the full host must run the command line.</summary>
    public static int? TryRun<TConnector>(ConnectorDescriptor<TConnector> descriptor, string[] args,
        IReadOnlyList<IProtocolHost> protocols) where TConnector : class
    {
        if (!Applies(args, protocols))
        {
            return null;
        }
        using var stdout = OpenStandardOutput();
        return Settled(TryWrite(descriptor, stdout), stdout);
    }

    /// <summary>
    /// Exactly <c>spec</c>, and the protocols are the built-in ones: a registered protocol may claim the start or bring
    /// a <c>spec</c> of its own (which the full host reports as a clash).
    /// </summary>
    internal static bool Applies(string[] args, IReadOnlyList<IProtocolHost> protocols) =>
        args is ["spec"] && ReferenceEquals(protocols, ProtocolHosts.BuiltIn);

    /// <summary>Writes the SPEC line to <paramref name="output"/>; null, with nothing written, if composing it failed.</summary>
    internal static int? TryWrite<TConnector>(ConnectorDescriptor<TConnector> descriptor, System.IO.Stream output)
        where TConnector : class
    {
        // No maximum latency: the one message is flushed at once, so the writer starts no timer.
        var lines = new JsonLineWriter(output);
        try
        {
            SpecCommand.Write(lines, descriptor);
        }
        catch (Exception ex) when (ex is not OutputClosedException)
        {
            // Nothing reached the stream (a message is written whole or not at all): the full host runs `spec` and
            // reports the failure as a TRACE error, exit code 1.
            return null;
        }
        try
        {
            lines.Flush();
            return ExitCodes.Success;
        }
        catch (OutputClosedException)
        {
            return ExitCodes.OutputClosed;
        }
    }
}
