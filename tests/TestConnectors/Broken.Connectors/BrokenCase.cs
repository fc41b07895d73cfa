using System;

namespace Broken;

/// <summary>Which connector runs, and how it is broken: CONNECTORS_TEST_CASE = "source", "destination", "commands", or "kind:breakage".</summary>
internal static class BrokenCase
{
    private static readonly string Value = Environment.GetEnvironmentVariable("CONNECTORS_TEST_CASE") ?? "source";

    /// <summary>"source", "destination" or "commands".</summary>
    public static string Kind => Value.Split(':')[0];

    /// <summary>The breakage, or null for the reference behaviour.</summary>
    public static string? Breakage => Value.Contains(':') ? Value[(Value.IndexOf(':') + 1)..] : null;

    public static bool Is(string breakage) => Breakage == breakage;

    /// <summary>
    /// True for a breakage of the connector's own code, its <c>Main</c> or the description <c>Main</c> hands the host (the
    /// Conduit ones, <c>conduit-*</c>: <see cref="BrokenConduit"/>): the runtime's host runs it unfiltered, as it runs
    /// the reference.
    /// </summary>
    public static bool InAuthorCode => Breakage?.StartsWith("conduit-", StringComparison.Ordinal) == true;
}
