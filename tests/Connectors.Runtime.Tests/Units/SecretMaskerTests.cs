using System;
using System.Net;
using System.Text.Encodings.Web;
using Connectors.Runtime.Secrets;
using Xunit;

namespace Connectors.Runtime.Tests.Units;

public sealed class SecretMaskerTests
{
    [Fact]
    public void Without_secrets_text_is_unchanged()
    {
        var masker = new SecretMasker();

        Assert.Equal("nothing to hide", masker.Apply("nothing to hide"));
        Assert.Null(masker.ApplyOrNull(null));
    }

    [Theory]
    [InlineData("plain")]
    [InlineData("json-relaxed")]
    [InlineData("json-default")]
    [InlineData("url")]
    [InlineData("form")]
    public void Masks_every_encoding_of_a_secret(string form)
    {
        const string secret = "p@ss \"word\"/+ü&<>";
        var masker = new SecretMasker();
        masker.Add(new[] { secret });
        var encoded = form switch
        {
            "json-relaxed" => JavaScriptEncoder.UnsafeRelaxedJsonEscaping.Encode(secret),
            "json-default" => JavaScriptEncoder.Default.Encode(secret),
            "url" => Uri.EscapeDataString(secret),
            "form" => WebUtility.UrlEncode(secret),
            _ => secret,
        };

        Assert.Equal("before **** after", masker.Apply("before " + encoded + " after"));
    }

    [Fact]
    public void Masks_every_occurrence_and_every_secret()
    {
        var masker = new SecretMasker();
        masker.Add(new[] { "alpha1" });
        masker.Add(new[] { "beta22" });

        Assert.Equal("****, **** and ****", masker.Apply("alpha1, beta22 and alpha1"));
        Assert.Equal("x****", masker.ApplyOrNull("xbeta22"));
    }

    [Fact]
    public void A_secret_that_contains_another_is_masked_whole()
    {
        var masker = new SecretMasker();
        masker.Add(new[] { "token", "token-with-suffix" });

        Assert.Equal("[****]", masker.Apply("[token-with-suffix]"));
    }

    [Fact]
    public void Empty_secrets_are_ignored()
    {
        var masker = new SecretMasker();
        masker.Add(new[] { "", "k" });

        Assert.Equal("a****a", masker.Apply("aka"));
    }
}
