using System.Text;
using System.Text.Json;
using Connectors.Runtime.Commands;
using Connectors.Runtime.Secrets;
using Xunit;

namespace Connectors.Runtime.Tests.Commands;

/// <summary>The JSON a command response or a platform report carries, masked value by value so it stays JSON.</summary>
public sealed class MaskedJsonTests
{
    private readonly SecretMasker _masker = new();

    [Fact]
    public void Secrets_in_string_values_at_any_depth_are_masked_and_the_rest_is_kept()
    {
        _masker.Add("hunter22");
        const string json = """{"user":"ann","auth":{"password":"hunter22","tries":[1,"x hunter22 y",null,true]},"n":2.50}""";

        var masked = Text(json);

        Assert.Equal("""{"user":"ann","auth":{"password":"****","tries":[1,"x **** y",null,true]},"n":2.50}""", masked);
    }

    [Fact]
    public void Property_names_and_numbers_are_never_masked()
    {
        _masker.Add(["token1", "123456"]);
        const string json = """{"token1":123456,"list":[123456],"text":"token1"}""";

        Assert.Equal("""{"token1":123456,"list":[123456],"text":"****"}""", Text(json));
    }

    [Fact]
    public void A_secret_spelled_with_json_escapes_is_masked_and_the_result_is_still_json()
    {
        _masker.Add("pa\"ss/wörd");
        const string json = """{"v":"pa\"ss\/w\u00f6rd and more"}""";

        var masked = Text(json);

        Assert.Equal("**** and more", JsonDocument.Parse(masked).RootElement.GetProperty("v").GetString());
    }

    [Fact]
    public void Without_a_secret_in_the_text_the_bytes_are_returned_as_they_are()
    {
        const string json = """{ "spaced" : "kept",  "u":"\u0041" }""";

        Assert.Equal(json, Text(json));
        _masker.Add("unrelated-secret");
        Assert.Equal(json, Text(json));
    }

    private string Text(string json) => Encoding.UTF8.GetString(MaskedJson.Mask(Encoding.UTF8.GetBytes(json), _masker));
}
