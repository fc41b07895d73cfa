using Connectors.Generators.Emit;
using Xunit;

namespace Connectors.Generators.Tests.Emit;

/// <summary>Generated doc comments read as English: "Writes an Address", "Binds a JSON object into a User".</summary>
public sealed class DocCommentArticleTests
{
    [Theory]
    [InlineData("Address", "an")]
    [InlineData("Item", "an")]
    [InlineData("Order", "an")]
    [InlineData("Event", "an")]
    [InlineData("Update", "an")]
    [InlineData("Hour", "an")]
    [InlineData("SQLSettings", "an")]
    [InlineData("HTTPOptions", "an")]
    [InlineData("User", "a")]
    [InlineData("Unit", "a")]
    [InlineData("UrlSettings", "a")]
    [InlineData("OneDriveFile", "a")]
    [InlineData("Customer", "a")]
    [InlineData("Host", "a")]
    [InlineData("URLValue", "a")]
    [InlineData("_hidden", "a")]
    public void Article_follows_the_sound_of_the_name(string name, string article) =>
        Assert.Equal(article, GeneratedFile.Article(name));
}
