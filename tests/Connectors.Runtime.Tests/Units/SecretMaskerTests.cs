using System;
using System.Linq;
using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using Connectors.Runtime.Secrets;
using Xunit;

namespace Connectors.Runtime.Tests.Units;

public sealed class SecretMaskerTests
{
    private const string Secret = "p@ss \"word\"/+ü&<>~";

    private static SecretMasker MaskerFor(params string[] secrets)
    {
        var masker = new SecretMasker();
        masker.Add(secrets);
        return masker;
    }

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    [Fact]
    public void Without_secrets_text_is_unchanged()
    {
        var masker = new SecretMasker();

        Assert.Equal("nothing to hide", masker.Apply("nothing to hide"));
        Assert.Null(masker.ApplyOrNull(null));
        Assert.False(masker.HasSecrets);
    }

    [Theory]
    [InlineData("plain")]
    [InlineData("json-relaxed")]
    [InlineData("json-default")]
    [InlineData("json-serializer")]
    [InlineData("json-python")]
    [InlineData("json-slash")]
    [InlineData("url")]
    [InlineData("url-lower")]
    [InlineData("form")]
    [InlineData("form-lower")]
    [InlineData("base64")]
    [InlineData("base64-unpadded")]
    [InlineData("base64url")]
    public void Masks_every_encoding_of_a_secret(string form)
    {
        var masker = MaskerFor(Secret);
        var encoded = form switch
        {
            "json-relaxed" => JavaScriptEncoder.UnsafeRelaxedJsonEscaping.Encode(Secret),
            "json-default" => JavaScriptEncoder.Default.Encode(Secret),
            "json-serializer" => JsonSerializer.Serialize(Secret)[1..^1],
            // Python's json.dumps: non-ASCII as lower-case \u escapes, '"' as \".
            "json-python" => "p@ss \\\"word\\\"/+\\u00fc&<>~",
            "json-slash" => "p@ss \\\"word\\\"\\/+ü&<>~",
            "url" => Uri.EscapeDataString(Secret),
            "url-lower" => "p%40ss%20%22word%22%2f%2b%c3%bc%26%3c%3e~",
            "form" => WebUtility.UrlEncode(Secret),
            "form-lower" => Regex.Replace(WebUtility.UrlEncode(Secret), "%[0-9A-F]{2}", m => m.Value.ToLowerInvariant()),
            "base64" => Base64(Secret),
            "base64-unpadded" => Base64(Secret).TrimEnd('='),
            "base64url" => Base64(Secret).Replace('+', '-').Replace('/', '_'),
            _ => Secret,
        };
        Assert.True(form == "plain" || encoded != Secret, "the form differs from the secret");

        Assert.Equal("before **** after", masker.Apply("before " + encoded + " after"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("admin")]
    [InlineData("a")]
    [InlineData("someone-nobody-configured")]
    [InlineData("ab")]
    public void Masks_the_secret_in_a_basic_authorization_header_whatever_the_user(string user)
    {
        var masker = MaskerFor("correct horse battery");
        var header = "Authorization: Basic " + Base64(user + ":correct horse battery");

        var masked = masker.Apply(header);

        Assert.Contains(SecretMasker.Mask, masked);
        Assert.DoesNotContain(Base64(user + ":correct horse battery"), masked);
        // At most two characters each side of the mask still carry a few bits of the secret mixed with the user's.
        var left = masked.Substring("Authorization: Basic ".Length).Split(SecretMasker.Mask)[0];
        Assert.True(left.Length <= Base64(user + ":").Length + 1, masked);
    }

    [Fact]
    public void Masks_base64_of_user_and_secret_whole_for_a_configured_user_name()
    {
        var masker = MaskerFor("correct horse battery");
        masker.AddUserNames(["admin"]);

        Assert.Equal("Basic ****", masker.Apply("Basic " + Base64("admin:correct horse battery")));
        Assert.Equal("Basic ****", masker.Apply("Basic " + Base64(":correct horse battery")));
    }

    [Fact]
    public void Masks_a_secret_inside_base64_of_a_longer_text_at_every_alignment()
    {
        var masker = MaskerFor("hunter2-hunter2");
        for (var prefix = 0; prefix < 6; prefix++)
        {
            var encoded = Base64(new string('x', prefix) + "hunter2-hunter2" + "{\"more\":1}");

            var masked = masker.Apply(encoded);

            Assert.Contains(SecretMasker.Mask, masked);
            Assert.True(masked.Length < encoded.Length, $"prefix {prefix}: {masked}");
        }
    }

    [Fact]
    public void Masks_every_occurrence_and_every_secret()
    {
        var masker = new SecretMasker();
        masker.Add(["alpha1"]);
        masker.Add(["beta22"]);

        Assert.Equal("****, **** and ****", masker.Apply("alpha1, beta22 and alpha1"));
        Assert.Equal("x****", masker.ApplyOrNull("xbeta22"));
    }

    [Fact]
    public void A_secret_that_contains_another_is_masked_whole()
    {
        var masker = MaskerFor("token1", "token1-with-suffix");

        Assert.Equal("[****]", masker.Apply("[token1-with-suffix]"));
    }

    [Fact]
    public void Overlapping_secrets_are_masked_as_one_range()
    {
        // The first match starts earlier; the second starts inside it and reaches further.
        var masker = MaskerFor("xxabcd", "abcdefgh");

        Assert.Equal("<****>", masker.Apply("<xxabcdefgh>"));
        Assert.Equal("<****>", masker.Apply("<xxabcdabcdefgh>"));
    }

    [Fact]
    public void Each_line_of_a_multi_line_secret_is_masked_on_its_own()
    {
        const string key = "-----BEGIN-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\nBKcwggSjAgEAAoIBAQC7\n-----END-----";
        var masker = MaskerFor(key);

        Assert.Equal("line: ****", masker.Apply("line: MIIEvQIBADANBgkqhkiG9w0BAQEFAASC"));
        Assert.Equal("****", masker.Apply(key));
        Assert.Equal("\"****\"", masker.Apply(JsonSerializer.Serialize(key)));
        // Short lines alone are not masked: they would match far too much.
        Assert.Equal("-----END-----", masker.Apply("-----END-----"));
    }

    [Fact]
    public void A_short_secret_is_masked_only_where_it_stands_alone()
    {
        var masker = MaskerFor("e");

        Assert.True(SecretMasker.IsTooShort("e"));
        Assert.Equal("operatingStatus: RUNNING", masker.Apply("operatingStatus: RUNNING"));
        Assert.Equal("key=****; ****", masker.Apply("key=e; e"));
        Assert.Equal("\"****\"", masker.Apply("\"e\""));
    }

    [Fact]
    public void A_short_secret_has_no_base64_forms()
    {
        var masker = MaskerFor("abc12");

        Assert.Equal(Base64("abc12"), masker.Apply(Base64("abc12")));
        Assert.Equal("[****]", masker.Apply("[abc12]"));
        Assert.Equal("xabc12", masker.Apply("xabc12"));
    }

    [Fact]
    public void A_long_secret_is_masked_inside_words_too()
    {
        var masker = MaskerFor("abc123");

        Assert.False(SecretMasker.IsTooShort("abc123"));
        Assert.Equal("x****y", masker.Apply("xabc123y"));
    }

    [Fact]
    public void Case_changes_and_partial_secrets_are_not_masked()
    {
        // Documented as not covered (docs/runtime.md): a transformed secret is a different string.
        var masker = MaskerFor("Secret-Value");

        Assert.Equal("SECRET-VALUE", masker.Apply("SECRET-VALUE"));
        Assert.Equal("Secret-Valu", masker.Apply("Secret-Valu"));
    }

    [Fact]
    public void Empty_secrets_are_ignored_and_repeated_ones_are_added_once()
    {
        var masker = new SecretMasker();

        Assert.Equal(["token1"], masker.Add(["", "token1", "token1"]));
        Assert.Empty(masker.Add(["token1"]));
        Assert.True(masker.Add("token2"));
        Assert.False(masker.Add("token2"));
    }

    [Fact]
    public void User_names_with_a_colon_or_too_long_are_ignored()
    {
        var masker = MaskerFor("correct horse battery");
        var before = masker.FormCount;

        masker.AddUserNames(["a:b", new string('u', 257), ""]);

        Assert.Equal(before, masker.FormCount);
        masker.AddUserNames(["bob"]);
        Assert.True(masker.FormCount > before);
    }

    [Fact]
    public void Safe_cut_moves_before_a_secret_that_straddles_it()
    {
        var masker = MaskerFor("abcdefgh");

        Assert.Equal(4, masker.SafeCut("xxxxabcdefghyy", 6));
        Assert.Equal(12, masker.SafeCut("xxxxabcdefghyy", 12));
        Assert.Equal(3, masker.SafeCut("xxxxabcdefghyy", 3));
    }

    [Fact]
    public void Derived_forms_of_a_plain_secret_are_few()
    {
        // Letters and digits only: every URL and JSON spelling is the secret itself.
        var forms = SecretForms.Of("plainsecret1");

        Assert.Equal("plainsecret1", forms[0]);
        Assert.Equal(forms.Count, forms.Distinct().Count());
        Assert.All(forms.Skip(1), f => Assert.NotEqual("plainsecret1", f));
        Assert.True(forms.Count < 20, string.Join(", ", forms));
    }

    [Fact]
    public void The_first_sixty_four_valid_user_names_are_tried_and_later_ones_are_not()
    {
        const string secret = "correct horse battery";
        var masker = MaskerFor(secret);
        // Invalid names take no place; a name of exactly 256 characters is valid.
        var longest = new string('u', 256);
        var names = Enumerable.Range(1, SecretMasker.MaxUserNames - 1).Select(i => $"user{i}").Prepend(longest).ToArray();
        masker.AddUserNames(["", "a:b", new string('v', 257), .. names]);

        Assert.Equal("Basic ****", masker.Apply("Basic " + Base64(longest + ":" + secret)));
        Assert.Equal("Basic ****", masker.Apply("Basic " + Base64(names[^1] + ":" + secret)));
        var before = masker.FormCount;
        masker.AddUserNames(["one-too-many"]);
        Assert.Equal(before, masker.FormCount);
    }

    [Fact]
    public void Safe_cut_without_any_secret_in_the_text_is_the_desired_one()
    {
        var masker = MaskerFor("abcdefgh");

        Assert.Equal(5, masker.SafeCut("nothing here", 5));
    }

    [Fact]
    public void A_short_secret_followed_by_a_letter_or_digit_is_not_masked()
    {
        var masker = MaskerFor("1234");

        Assert.Equal("12345 1234x", masker.Apply("12345 1234x"));
        Assert.Equal("pin ****.", masker.Apply("pin 1234."));
    }

    [Fact]
    public void The_longest_form_is_at_least_as_long_as_the_secret()
    {
        // A streaming writer holds back this many characters less one; shorter would let a split secret through.
        var masker = MaskerFor("p@ss/word+1");

        Assert.Equal(SecretForms.Of("p@ss/word+1").Max(f => f.Length), masker.LongestForm);
    }
}
