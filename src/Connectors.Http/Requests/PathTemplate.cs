using System;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace Connectors.Http;

/// <summary>
/// A request path written as an interpolated string: <c>$"packages/{name}/versions"</c>. Every hole is formatted with
/// the invariant culture (date-times as RFC 3339 UTC) and URL-escaped, so a value such as <c>@scope/name</c> stays one
/// path segment (<c>%40scope%2Fname</c>). Write <c>{value:raw}</c> to insert a value unescaped.
/// </summary>
[InterpolatedStringHandler]
public struct PathTemplate
{
    private StringBuilder? _text;

    /// <summary>Called by the compiler for an interpolated string.</summary>
    public PathTemplate(int literalLength, int formattedCount) => _text = new StringBuilder(literalLength + formattedCount * 16);

    /// <summary>A literal part, kept as written.</summary>
    public readonly void AppendLiteral(string value) => _text!.Append(value);

    /// <summary>A hole: formatted, then escaped.</summary>
    public readonly void AppendFormatted<T>(T value) => AppendFormatted(value, null);

    /// <summary>A hole with a format; <c>raw</c> inserts the value unescaped.</summary>
    public readonly void AppendFormatted<T>(T value, string? format)
    {
        if (format == "raw")
        {
            _text!.Append(HttpValues.Format(value, null));
            return;
        }
        _text!.Append(Uri.EscapeDataString(HttpValues.Format(value, format)));
    }

    /// <summary>The path.</summary>
    public override readonly string ToString() => _text?.ToString() ?? "";
}

/// <summary>How values become text in paths, query strings and headers.</summary>
public static class HttpValues
{
    /// <summary>
    /// Formats a value with the invariant culture. Date-times become RFC 3339 in UTC (<c>2024-05-01T00:00:00Z</c>,
    /// fractions only when present) unless a format is given; <c>unix</c> and <c>unix_ms</c> give epoch seconds and
    /// milliseconds.
    /// </summary>
    public static string Format<T>(T value, string? format) => value switch
    {
        null => "",
        string text => text,
        DateTimeOffset instant => FormatInstant(instant, format),
        DateTime instant => FormatInstant(new DateTimeOffset(instant.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(instant, DateTimeKind.Utc) : instant), format),
        bool flag => flag ? "true" : "false",
        IFormattable formattable => formattable.ToString(format, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string FormatInstant(DateTimeOffset instant, string? format) => format switch
    {
        null or "" => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture),
        "unix" => instant.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
        "unix_ms" => instant.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
        _ => instant.ToString(format, CultureInfo.InvariantCulture),
    };
}
