using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Probe;

/// <summary>
/// The forms a secret commonly takes in logs, as connector code and libraries produce them. The probe connector prints
/// every one; the masking tests (which link this file) look for every one in every byte the process wrote.
/// </summary>
public static class SecretLeaks
{
    /// <summary>A user name no config holds: base64(user:secret) must be masked whoever the user is.</summary>
    public const string Stranger = "someone-else";

    /// <summary>Every form of <paramref name="secret"/>, named; <paramref name="user"/> is the config's user name.</summary>
    public static IReadOnlyList<(string Name, string Text)> Forms(string secret, string user) =>
    [
        ("raw", secret),
        ("base64", Base64(secret)),
        ("base64 unpadded", Base64(secret).TrimEnd('=')),
        ("base64url", Base64(secret).Replace('+', '-').Replace('/', '_').TrimEnd('=')),
        ("basic auth of the config's user", Base64(user + ":" + secret)),
        ("basic auth without a user", Base64(":" + secret)),
        ("basic auth of a stranger", Base64(Stranger + ":" + secret)),
        ("base64 inside a longer text", Base64("{\"token\":\"" + secret + "\",\"scope\":\"all\"}")),
        ("url-encoded", Uri.EscapeDataString(secret)),
        ("url-encoded lower-case", LowerHex(Uri.EscapeDataString(secret))),
        ("form-encoded", WebUtility.UrlEncode(secret)),
        ("form-encoded lower-case", LowerHex(WebUtility.UrlEncode(secret))),
        ("JSON (System.Text.Json)", JsonSerializer.Serialize(secret)),
        ("JSON (relaxed)", JavaScriptEncoder.UnsafeRelaxedJsonEscaping.Encode(secret)),
        ("JSON (Python json.dumps)", PythonJson(secret)),
    ];

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    private static string LowerHex(string encoded) => Regex.Replace(encoded, "%[0-9A-F]{2}", m => m.Value.ToLowerInvariant());

    /// <summary>What Python's json.dumps writes: \" and \\, and every non-ASCII character as a lower-case \u escape.</summary>
    private static string PythonJson(string text)
    {
        var result = new StringBuilder("\"");
        foreach (var c in text)
        {
            result.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                _ when c > 0x7E || c < 0x20 => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }
        return result.Append('"').ToString();
    }
}
