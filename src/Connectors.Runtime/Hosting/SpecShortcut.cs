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
        using var stdout = HostIO.OpenStandardOutput();
        return WriteLine(line, stdout);
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
        using var stdout = HostIO.OpenStandardOutput();
        return TryWrite(descriptor, stdout);
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
