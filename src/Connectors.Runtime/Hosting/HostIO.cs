using System;
using System.IO;

namespace Connectors.Runtime.Hosting;

/// <summary>The process's standard streams, replaceable so hosts can be driven in-process by tests.</summary>
/// <param name="Stdout">Protocol messages only.</param>
/// <param name="Stderr">Human-readable text.</param>
/// <param name="Stdin">Input messages (destinations, command hosts).</param>
public sealed record HostIO(Stream Stdout, TextWriter Stderr, Stream Stdin)
{
    /// <summary>The real console. Console.Out is redirected to stderr so stray writes cannot corrupt the protocol.</summary>
    public static HostIO FromConsole()
    {
        var stdout = Console.OpenStandardOutput();
        var stderr = Console.Error;
        Console.SetOut(stderr);
        return new HostIO(stdout, stderr, Console.OpenStandardInput());
    }
}
