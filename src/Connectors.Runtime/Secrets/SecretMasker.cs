using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Encodings.Web;

namespace Connectors.Runtime.Secrets;

/// <summary>
/// Replaces the values of secret configuration properties with <c>****</c>. Every outbound text (LOG and TRACE messages,
/// failed-check messages, stack traces, stderr diagnostics) passes through it.
/// </summary>
public sealed class SecretMasker
{
    /// <summary>What a secret becomes.</summary>
    public const string Mask = "****";

    private volatile string[] _secrets = Array.Empty<string>();

    /// <summary>Adds secret values; their JSON-escaped, URL-encoded and form-encoded forms are masked too.</summary>
    public void Add(IEnumerable<string> secrets)
    {
        var all = new HashSet<string>(_secrets, StringComparer.Ordinal);
        foreach (var secret in secrets)
        {
            if (string.IsNullOrEmpty(secret))
            {
                continue;
            }
            all.Add(secret);
            all.Add(JavaScriptEncoder.UnsafeRelaxedJsonEscaping.Encode(secret));
            all.Add(JavaScriptEncoder.Default.Encode(secret));
            all.Add(Uri.EscapeDataString(secret));
            // Form bodies (OAuth token requests) encode a space as '+'.
            all.Add(System.Net.WebUtility.UrlEncode(secret));
        }
        // Longest first, so a secret that contains another is masked whole.
        _secrets = all.Where(s => s.Length > 0).OrderByDescending(s => s.Length).ThenBy(s => s, StringComparer.Ordinal).ToArray();
    }

    /// <summary>Masks every secret in <paramref name="text"/>.</summary>
    public string Apply(string text)
    {
        var secrets = _secrets;
        if (secrets.Length == 0 || string.IsNullOrEmpty(text))
        {
            return text;
        }
        foreach (var secret in secrets)
        {
            if (text.Contains(secret, StringComparison.Ordinal))
            {
                text = text.Replace(secret, Mask, StringComparison.Ordinal);
            }
        }
        return text;
    }

    /// <summary>Masks a nullable text.</summary>
    public string? ApplyOrNull(string? text) => text is null ? null : Apply(text);
}
