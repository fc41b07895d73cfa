using System.Text.RegularExpressions;

namespace Connectors.Testing.Session;

/// <summary>Recognises a .NET stack trace or unhandled-exception report in text (JSON-escaped newlines included).</summary>
internal static partial class StackTraces
{
    /// <summary>True when <paramref name="text"/> holds a stack frame ("   at Namespace.Type.Method(") or an unhandled exception.</summary>
    public static bool In(string text) => Frame().IsMatch(text) || text.Contains("Unhandled exception", System.StringComparison.Ordinal);

    [GeneratedRegex(@"(^|\n|\\n|\\r\\n)\s*at [\w.`<>\[\]+,]+\(", RegexOptions.Multiline)]
    private static partial Regex Frame();
}
