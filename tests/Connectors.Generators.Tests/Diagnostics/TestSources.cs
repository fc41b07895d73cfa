namespace Connectors.Generators.Tests.Diagnostics;

/// <summary>A valid connector to break one rule at a time.</summary>
internal static class TestSources
{
    public const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Connectors;
        using Microsoft.Extensions.Logging;

        namespace Sample;

        public sealed record Item(long Id, DateTimeOffset UpdatedAt, string Name);

        """;

    public const string Check = "[Check] public CheckResult Check() => CheckResult.Success();";

    public const string Stream = "[Stream(\"items\")] public IEnumerable<Item> Items() => [];";

    /// <summary>
    /// The connector class <c>TestSource</c> with exactly <paramref name="members"/>; <paramref name="types"/> go before it.
    /// <paramref name="name"/> is the class name as written, with markup if a diagnostic underlines it.
    /// </summary>
    public static string Connector(string members, string types = "", string name = "TestSource") => Usings + types + $$"""

        [Connector("source-test")]
        public partial class {{name}}
        {
            {{members}}
        }
        """;

    /// <summary>The source without its diagnostic markup (<c>{|CONN0001:text|}</c>, <c>{|#0:text|}</c> → <c>text</c>), for the generator's own tests.</summary>
    public static string WithoutMarkup(string source) => System.Text.RegularExpressions.Regex.Replace(source, @"\{\|[^:|]*:|\|\}", "");

    /// <summary>A valid source (a check and a stream) plus <paramref name="members"/>.</summary>
    public static string Valid(string members = "", string types = "") => Connector(Check + "\n    " + Stream + "\n    " + members, types);
}
