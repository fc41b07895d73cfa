using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Connectors.Testing.Session;

/// <summary>
/// The forms a secret commonly leaks in: as written, JSON-escaped, URL-encoded, and base64 (also of
/// <c>user:secret</c>, as a Basic auth header carries it: any text before the secret shifts its base64, so the kit
/// searches the part of the encoding that the secret alone decides, at each of the three alignments).
/// </summary>
internal static class SecretForms
{
    /// <summary>Secrets shorter than this are not searched for: they would match by chance.</summary>
    public const int MinimumLength = 4;

    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The forms of <paramref name="secret"/>, each with a name for the failure message.</summary>
    public static IReadOnlyList<(string Form, string Text)> Of(string secret)
    {
        var forms = new List<(string, string)> { ("as written", secret) };
        Add(forms, "JSON-escaped", JsonSerializer.Serialize(secret)[1..^1]);
        Add(forms, "JSON-escaped", JsonSerializer.Serialize(secret, Relaxed)[1..^1]);
        Add(forms, "URL-encoded", Uri.EscapeDataString(secret));
        Add(forms, "form-encoded", WebUtility.UrlEncode(secret));
        var bytes = Encoding.UTF8.GetBytes(secret);
        for (var shift = 0; shift < 3; shift++)
        {
            var core = Base64Core(bytes, shift);
            if (core.Length >= 8)
            {
                Add(forms, shift == 0 ? "base64" : $"base64 after {shift} byte(s), as in base64(\"user:{secret}\")", core);
                Add(forms, "base64url", core.Replace('+', '-').Replace('/', '_'));
            }
        }
        return forms.Distinct().ToList();
    }

    private static void Add(List<(string, string)> forms, string form, string text)
    {
        if (forms.All(f => f.Item2 != text))
        {
            forms.Add((form, text));
        }
    }

    /// <summary>The base64 characters that depend only on the secret when <paramref name="shift"/> bytes precede it.</summary>
    private static string Base64Core(byte[] secret, int shift)
    {
        var padded = new byte[shift + secret.Length];
        secret.CopyTo(padded, shift);
        var encoded = Convert.ToBase64String(padded);
        // A 3-byte group holding any preceding byte, or a group the secret does not fill, depends on more than the secret.
        var start = shift == 0 ? 0 : 4;
        var whole = padded.Length / 3 * 4;
        return whole > start ? encoded[start..whole] : "";
    }
}
