using System;
using System.Linq;
using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Connectors.Runtime.Secrets;
using Xunit;

namespace Connectors.Runtime.Tests.Units;

/// <summary>
/// <see cref="SecretForms"/> through <see cref="SecretMasker"/>: the spellings other serializers and encoders give a secret
/// (Newtonsoft, Jackson, PHP, JavaScript, Python, JWT-style base64url), a multi-line key's lines, and base64 of a secret
/// inside a longer text, each masked whole so no part of the secret is left to read.
/// </summary>
public sealed class SecretFormsTests
{
    // HTML-sensitive characters, a quote, a slash and a non-ASCII letter: each serializer spells it differently.
    private const string Mixed = "p<ss'\"w/örd&1";

    // Characters the URL encoders disagree about: '~' (kept by RFC 3986, escaped by .NET's form encoder), '!' '(' ')' '*'
    // (kept by JavaScript and .NET), '\'' (kept by JavaScript only), '/' (kept by Python only).
    private const string UrlMixed = "key~1!2'3/4(5)*6";

    private static SecretMasker MaskerFor(string secret)
    {
        var masker = new SecretMasker();
        masker.Add(secret);
        return masker;
    }

    private static string Base64(byte[] bytes) => Convert.ToBase64String(bytes);

    [Theory]
    // Newtonsoft.Json with StringEscapeHandling.EscapeHtml: HTML characters as lower-case \u escapes, non-ASCII as is.
    [InlineData("p\\u003css\\u0027\\u0022w/örd\\u00261")]
    // Jackson with ESCAPE_NON_ASCII: non-ASCII as upper-case \u escapes, HTML characters as they are.
    [InlineData("p<ss'\\\"w/\\u00F6rd&1")]
    // PHP's json_encode: '/' as \/, non-ASCII as lower-case \u escapes.
    [InlineData("p<ss'\\\"w\\/\\u00f6rd&1")]
    public void Masks_the_json_spellings_of_other_serializers(string spelled)
    {
        Assert.Equal("{\"password\":\"****\"}", MaskerFor(Mixed).Apply("{\"password\":\"" + spelled + "\"}"));
    }

    [Fact]
    public void Masks_escaped_control_characters_and_backslashes_in_every_json_spelling()
    {
        const string secret = "dom\\user/pa\tss\bw\fo\rr\nd";
        var masker = MaskerFor(secret);
        // PHP's json_encode escapes '/' too, so only the SDK's own variants produce this spelling.
        const string php = "dom\\\\user\\/pa\\tss\\bw\\fo\\rr\\nd";

        Assert.Equal("[****]", masker.Apply("[" + php + "]"));
        Assert.Equal("[****]", masker.Apply("[" + JsonSerializer.Serialize(secret)[1..^1] + "]"));
    }

    [Fact]
    public void Masks_a_json_spelling_that_escapes_delete_but_keeps_non_ascii()
    {
        // System.Text.Json's relaxed encoder escapes control characters (U+007F too) and keeps non-ASCII letters as they are.
        const string secret = "pass\u007fwörd12";
        var relaxed = JsonSerializer.Serialize(secret, new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

        Assert.Equal("\"pass\\u007Fwörd12\"", relaxed);
        Assert.Equal("\"****\"", MaskerFor(secret).Apply(relaxed));
    }

    [Theory]
    [InlineData("rfc3986")]
    [InlineData("javascript")]
    [InlineData("python")]
    [InlineData("dotnet-form")]
    public void Masks_the_url_encoding_of_each_common_encoder(string encoder)
    {
        var encoded = encoder switch
        {
            "rfc3986" => Uri.EscapeDataString(UrlMixed),
            // encodeURIComponent keeps A-Z a-z 0-9 - _ . ! ~ * ' ( ).
            "javascript" => "key~1!2'3%2F4(5)*6",
            // urllib.parse.quote keeps A-Z a-z 0-9 _ . - ~ and '/'.
            "python" => "key~1%212%273/4%285%29%2A6",
            _ => WebUtility.UrlEncode(UrlMixed),
        };
        Assert.NotEqual(UrlMixed, encoded);

        Assert.Equal("?token=****&x=1", MaskerFor(UrlMixed).Apply("?token=" + encoded + "&x=1"));
    }

    [Fact]
    public void A_secret_of_exactly_the_minimum_length_has_base64_forms()
    {
        const string secret = "abc12!";
        Assert.Equal(SecretForms.MinimumBase64Bytes, Encoding.UTF8.GetByteCount(secret));

        Assert.Equal("Basic ****", MaskerFor(secret).Apply("Basic " + Base64(Encoding.UTF8.GetBytes(secret))));
    }

    [Fact]
    public void Unpadded_base64url_of_a_secret_is_masked_whole()
    {
        // JWTs and many APIs write base64url without padding; this secret's base64 has '+', '/' and padding.
        var secret = "??>>~~??>>~~!";
        var encoded = Base64(Encoding.UTF8.GetBytes(secret));
        Assert.Contains('=', encoded);
        var url = encoded.Replace('+', '-').Replace('/', '_').TrimEnd('=');
        Assert.NotEqual(encoded.TrimEnd('='), url);

        Assert.Equal("a.****.b", MaskerFor(secret).Apply("a." + url + ".b"));
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, false)]
    [InlineData(2, false)]
    [InlineData(0, true)]
    [InlineData(1, true)]
    [InlineData(2, true)]
    public void Inside_base64_of_a_longer_text_every_character_carrying_only_the_secret_is_masked(int prefixLength, bool urlAlphabet)
    {
        // Runs of '?' (0x3F) and '~' (0x7E) give '/' and '+' in every alignment, so the two alphabets differ.
        var secret = Encoding.UTF8.GetBytes("????????~~~~~~~~");
        var prefix = Encoding.UTF8.GetBytes("ab".Substring(0, prefixLength));
        var text = prefix.Concat(secret).Concat("xyz"u8.ToArray()).ToArray();
        var encoded = Base64(text);
        if (urlAlphabet)
        {
            encoded = encoded.Replace('+', '-').Replace('/', '_');
        }
        // Character j holds bits [6j, 6j + 6); it shows only the secret when those bits lie within the secret's bytes.
        int secretBitsFrom = 8 * prefix.Length, secretBitsTo = 8 * (prefix.Length + secret.Length);
        var onlySecret = Enumerable.Range(0, encoded.Length).Where(j => 6 * j >= secretBitsFrom && 6 * j + 6 <= secretBitsTo).ToArray();
        var expected = encoded[..onlySecret[0]] + SecretMasker.Mask + encoded[(onlySecret[^1] + 1)..];

        Assert.Equal(expected, MaskerFor(Encoding.UTF8.GetString(secret)).Apply(encoded));
    }

    [Fact]
    public void Lines_of_a_multi_line_secret_starting_with_a_line_break_are_masked_down_to_the_minimum_length()
    {
        var line16 = "MIIBOgIBAAJB/+0=";
        var line15 = "AKj34QwxyzAB/+1";
        Assert.Equal(SecretForms.MinimumLineLength, line16.Length);
        var secret = "\n" + line16 + "\n" + line15 + "\n";
        var masker = MaskerFor(secret);

        Assert.Equal("line ****", masker.Apply("line " + line16));
        // The JSON spelling of a line (System.Text.Json escapes '+' as \u002B) is masked too.
        Assert.Equal("\"****\"", masker.Apply(JsonSerializer.Serialize(line16)));
        Assert.Equal("line " + line15, masker.Apply("line " + line15));
    }

    [Fact]
    public void A_line_of_a_multi_line_secret_is_masked_as_written_even_when_JSON_would_escape_it()
    {
        // Every JSON spelling of this line differs from the line (a quote and a backslash are always escaped), so only
        // the line itself, as a form of its own, masks a log that prints it raw.
        var line = "token=\"a\\b\" for the service";
        var masker = MaskerFor("first line of the key\n" + line);

        Assert.Equal("raw: ****", masker.Apply("raw: " + line));
    }

    [Fact]
    public void An_empty_secret_has_no_forms()
    {
        // An empty form would match everywhere.
        Assert.Empty(SecretForms.Of(""));
    }
}
