namespace Connectors.CodeFixes.Tests;

/// <summary>The start of every test document: usings, a namespace and a record type.</summary>
internal static class Sources
{
    public const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Connectors;

        namespace Sample;

        public sealed record Item(long Id, DateTimeOffset UpdatedAt, string Name);

        """;
}
