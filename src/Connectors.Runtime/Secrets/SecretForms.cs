using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace Connectors.Runtime.Secrets;

/// <summary>
/// The spellings a secret commonly takes in logs besides itself: JSON-escaped, URL-encoded and base64-encoded, alone or
/// as the password of a Basic authorization header. Each family is generated exhaustively over the variants real
/// encoders produce (upper- or lower-case hex, <c>+</c> or <c>%20</c> for a space, <c>\/</c>, <c>\u0022</c>…).
/// </summary>
public static class SecretForms
{
    /// <summary>Base64 forms are only derived from secrets of at least this many UTF-8 bytes, so a fragment is distinctive.</summary>
    public const int MinimumBase64Bytes = SecretMasker.MinimumSafeLength;

    /// <summary>Lines of a multi-line secret (a PEM key) shorter than this are not masked on their own.</summary>
    public const int MinimumLineLength = 16;

    // Characters an URL encoder may leave as they are, besides letters and digits: RFC 3986's unreserved set, the extra
    // characters of JavaScript's encodeURIComponent, '/' as Python's quote keeps it, and the set of .NET's form encoders.
    private static readonly string[] UrlKeptSets = ["-._~", "-._~!'()*", "-._~/", "-_.!*()"];

    private const string HtmlSensitive = "<>&'+`";

    /// <summary>
    /// Every derived form of <paramref name="secret"/>, the secret itself first. <paramref name="userNames"/> are the
    /// user parts tried for <c>base64(user:secret)</c> besides the empty one.
    /// </summary>
    public static IReadOnlyList<string> Of(string secret, IEnumerable<string>? userNames = null)
    {
        var forms = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        void Add(string form)
        {
            if (form.Length > 0 && seen.Add(form))
            {
                forms.Add(form);
            }
        }

        var plain = new List<string> { secret };
        plain.AddRange(UrlEncoded(secret));
        // A short secret's base64 is a few characters that occur by chance in any base64 text: not masked.
        var bytes = Encoding.UTF8.GetBytes(secret);
        if (bytes.Length >= MinimumBase64Bytes)
        {
            plain.AddRange(Base64Whole(bytes));
            plain.AddRange(Base64Cores(bytes));
            foreach (var user in Users(userNames))
            {
                plain.AddRange(Base64Whole(Encoding.UTF8.GetBytes(user + ":" + secret)));
            }
        }
        foreach (var form in plain)
        {
            Add(form);
            foreach (var escaped in JsonEscaped(form))
            {
                Add(escaped);
            }
        }
        if (secret.IndexOfAny(['\n', '\r']) >= 0)
        {
            foreach (var line in secret.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries))
            {
                if (line.Trim().Length >= MinimumLineLength)
                {
                    Add(line);
                    foreach (var escaped in JsonEscaped(line))
                    {
                        Add(escaped);
                    }
                }
            }
        }
        return forms;
    }

    private static IEnumerable<string> Users(IEnumerable<string>? userNames)
    {
        yield return "";
        foreach (var user in userNames ?? [])
        {
            if (user.Length > 0)
            {
                yield return user;
            }
        }
    }

    /// <summary>The JSON string contents a serializer may write for <paramref name="text"/>, over every escaping convention.</summary>
    public static IEnumerable<string> JsonEscaped(string text)
    {
        yield return JavaScriptEncoder.UnsafeRelaxedJsonEscaping.Encode(text);
        yield return JavaScriptEncoder.Default.Encode(text);
        foreach (var nonAscii in new[] { false, true })
        {
            foreach (var html in new[] { false, true })
            {
                foreach (var slash in new[] { false, true })
                {
                    foreach (var upper in new[] { false, true })
                    {
                        yield return JsonEscape(text, nonAscii, html, slash, upper);
                    }
                }
            }
        }
    }

    private static string JsonEscape(string text, bool nonAscii, bool html, bool slash, bool upper)
    {
        var result = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            var escape = c switch
            {
                '"' when !html => "\\\"",
                '\\' => "\\\\",
                '/' when slash => "\\/",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\b' => "\\b",
                '\f' => "\\f",
                _ => null,
            };
            if (escape is not null)
            {
                result.Append(escape);
            }
            else if (c < 0x20 || (nonAscii && c > 0x7E) || (html && (c == '"' || HtmlSensitive.Contains(c))))
            {
                result.Append("\\u").Append(((int)c).ToString(upper ? "X4" : "x4", CultureInfo.InvariantCulture));
            }
            else
            {
                result.Append(c);
            }
        }
        return result.ToString();
    }

    /// <summary>The percent-encodings of <paramref name="text"/> (UTF-8 bytes), over the usual encoders' variants.</summary>
    public static IEnumerable<string> UrlEncoded(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        foreach (var kept in UrlKeptSets)
        {
            foreach (var plusForSpace in new[] { false, true })
            {
                foreach (var upper in new[] { false, true })
                {
                    yield return UrlEncode(bytes, kept, plusForSpace, upper);
                }
            }
        }
    }

    private static string UrlEncode(byte[] bytes, string kept, bool plusForSpace, bool upper)
    {
        var result = new StringBuilder(bytes.Length * 3);
        foreach (var b in bytes)
        {
            var c = (char)b;
            if (b < 0x80 && (char.IsAsciiLetterOrDigit(c) || kept.Contains(c)))
            {
                result.Append(c);
            }
            else if (c == ' ' && plusForSpace)
            {
                result.Append('+');
            }
            else
            {
                result.Append('%').Append(b.ToString(upper ? "X2" : "x2", CultureInfo.InvariantCulture));
            }
        }
        return result.ToString();
    }

    /// <summary>
    /// The base64 characters that encode only the secret's own bits, for each of its three possible alignments in a longer
    /// base64 text (so <c>base64(anything + secret + anything)</c> shows none of them), in both alphabets.
    /// </summary>
    public static IEnumerable<string> Base64Cores(byte[] secret)
    {
        for (var offset = 0; offset < 3; offset++)
        {
            var aligned = new byte[offset + secret.Length];
            secret.CopyTo(aligned, offset);
            var encoded = Convert.ToBase64String(aligned);
            // Character j holds bits [6j, 6j + 6) of the stream; the secret holds bits [8·offset, 8·(offset + length)).
            var first = (8 * offset + 5) / 6;
            var last = (8 * (offset + secret.Length) - 6) / 6;
            if (last >= first)
            {
                var core = encoded.Substring(first, last - first + 1);
                yield return core;
                yield return ToUrlAlphabet(core);
            }
        }
    }

    /// <summary>The base64 of <paramref name="bytes"/>, padded and unpadded, in both alphabets.</summary>
    public static IEnumerable<string> Base64Whole(byte[] bytes)
    {
        var encoded = Convert.ToBase64String(bytes);
        yield return encoded;
        yield return encoded.TrimEnd('=');
        yield return ToUrlAlphabet(encoded);
        yield return ToUrlAlphabet(encoded).TrimEnd('=');
    }

    private static string ToUrlAlphabet(string base64) => base64.Replace('+', '-').Replace('/', '_');
}
