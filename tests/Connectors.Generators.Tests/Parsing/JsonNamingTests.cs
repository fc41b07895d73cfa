using System.Text.Json;
using Connectors.Generators.Parsing;
using Xunit;

namespace Connectors.Generators.Tests.Parsing;

/// <summary>
/// The generator names JSON fields itself (it cannot call System.Text.Json at build time); the names must be the ones
/// STJ's policies give, so connectors that also use STJ agree with their own schemas.
/// </summary>
public sealed class JsonNamingTests
{
    public static readonly TheoryData<string> Names = new()
    {
        "Id", "ID", "Ids", "URLValue", "APIKey", "ApiKey", "HTTPServer2", "Http2Server", "already_snake", "already-kebab",
        "camelCase", "Address1Line", "Address1", "A", "a", "ABC", "UpdatedAt", "IPv6Address", "X509Certificate",
        "PersonID", "IOStream", "_private", "Name_With_Underscores", "SHA256Hash", "MyURL", "Url2", "", "UTF8Bytes",
        // Spaces, punctuation and letters beyond ASCII: STJ's state machine has a state for each.
        "URL Value", "Hello World", "A B", "AB CD", " Leading", "Trailing ", "Two  Spaces", "dot.Name", "Ünïcode Wörd", "ÀBc",
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void Snake_case_matches_System_Text_Json(string name) =>
        Assert.Equal(JsonNamingPolicy.SnakeCaseLower.ConvertName(name), JsonNaming.Apply(JsonNaming.SnakeCase, name));

    [Theory]
    [MemberData(nameof(Names))]
    public void Kebab_case_matches_System_Text_Json(string name) =>
        Assert.Equal(JsonNamingPolicy.KebabCaseLower.ConvertName(name), JsonNaming.Apply(JsonNaming.KebabCase, name));

    [Theory]
    [MemberData(nameof(Names))]
    public void Camel_case_matches_System_Text_Json(string name) =>
        Assert.Equal(JsonNamingPolicy.CamelCase.ConvertName(name), JsonNaming.Apply(JsonNaming.CamelCase, name));

    [Theory]
    [MemberData(nameof(Names))]
    public void As_declared_keeps_the_name(string name) =>
        Assert.Equal(name, JsonNaming.Apply(JsonNaming.AsDeclared, name));

    [Theory]
    [InlineData(FieldNaming.SnakeCase, JsonNaming.SnakeCase)]
    [InlineData(FieldNaming.CamelCase, JsonNaming.CamelCase)]
    [InlineData(FieldNaming.AsDeclared, JsonNaming.AsDeclared)]
    [InlineData(FieldNaming.KebabCase, JsonNaming.KebabCase)]
    public void Policy_numbers_are_the_FieldNaming_values(FieldNaming naming, int policy) => Assert.Equal((int)naming, policy);

    [Theory]
    [InlineData("RecordsPerSlice", "Records Per Slice")]
    [InlineData("UpdatedAt", "Updated At")]
    [InlineData("Count", "Count")]
    [InlineData("APIKey", "Api Key")]
    [InlineData("Address1Line", "Address1 Line")]
    public void Humanize_makes_form_titles(string name, string title) => Assert.Equal(title, JsonNaming.Humanize(name));
}
