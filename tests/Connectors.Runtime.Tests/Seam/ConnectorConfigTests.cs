using System.Linq;
using System.Text;
using System.Text.Json;
using Connectors.Runtime.Secrets;
using Connectors.Runtime.Tests.Support;
using Xunit;

namespace Connectors.Runtime.Tests.Seam;

/// <summary>Config binding as any host uses it: a document in, a connector or every problem with its JSON path out.</summary>
public sealed class ConnectorConfigTests
{
    private static ConfigBindingResult<TestSource> Bind(string json, SecretMasker? masker = null) =>
        ConnectorConfig.Bind(TestConnector.Create(), Encoding.UTF8.GetBytes(json), masker);

    [Fact]
    public void A_valid_document_gives_a_configured_connector()
    {
        var result = Bind("""{"api_key": "sk-1", "count": 7, "host": "https://example.com/"}""");

        Assert.True(result.Succeeded);
        Assert.Empty(result.Problems);
        Assert.Equal(("sk-1", 7, "https://example.com/"), (result.Connector.ApiKey, result.Connector.Count, result.Connector.Host!.ToString()));
    }

    [Fact]
    public void Every_problem_is_reported_with_its_JSON_path()
    {
        var result = Bind("""{"count": -1, "host": "not a uri"}""");

        Assert.False(result.Succeeded);
        Assert.Null(result.Connector);
        Assert.Equal(new[] { "$.api_key", "$.count", "$.host" }, result.Problems.Select(p => p.Path));
        Assert.Equal("required", result.Problems[0].Message);
        Assert.StartsWith("must be at least 0", result.Problems[1].Message);
    }

    [Fact]
    public void A_document_that_is_not_an_object_is_one_problem_at_the_root()
    {
        var result = Bind("[1, 2]");

        Assert.Equal(new ConfigProblem("$", "expected an object, got an array"), Assert.Single(result.Problems));
    }

    [Fact]
    public void Text_that_is_not_JSON_is_one_problem_at_the_root_that_says_where()
    {
        var problem = Assert.Single(Bind("""{"api_key": }""").Problems);

        Assert.Equal("$", problem.Path);
        Assert.StartsWith("not valid JSON: ", problem.Message);
        Assert.Contains("(line 1, byte 13)", problem.Message);
    }

    [Fact]
    public void Secrets_reach_the_masker_and_the_result_even_when_the_document_is_invalid()
    {
        var masker = new SecretMasker();

        var result = Bind("""{"api_key": "sk-hidden-value", "count": "many"}""", masker);

        Assert.False(result.Succeeded);
        Assert.Equal(new[] { "sk-hidden-value" }, result.Secrets);
        Assert.Equal("key ****", masker.Apply("key sk-hidden-value"));
    }

    [Fact]
    public void A_parsed_element_binds_like_its_text()
    {
        using var document = JsonDocument.Parse("""{"api_key": "sk-2"}""");

        var result = ConnectorConfig.Bind(TestConnector.Create(), document.RootElement);

        Assert.Equal("sk-2", result.Connector!.ApiKey);
        Assert.Equal(3, result.Connector.Count);
    }

    [Theory]
    [InlineData("$")]
    [InlineData("$.api_key")]
    [InlineData("$.auth.client_id")]
    [InlineData("$.accounts[3].name")]
    [InlineData("$['odd: name'].inner")]
    [InlineData("$['it\\'s']['a.b'][0]")]
    public void A_problem_splits_at_the_end_of_its_path_even_when_a_name_holds_a_colon(string path)
    {
        var error = path + ": expected a string, got 12: really";

        var problem = ConfigProblem.Parse(error);

        Assert.Equal(new ConfigProblem(path, "expected a string, got 12: really"), problem);
        Assert.Equal(error, problem.ToString());
    }

    [Fact]
    public void Paths_built_by_the_reader_split_back_into_the_same_path()
    {
        var path = ConfigReader.Item(ConfigReader.Child(ConfigReader.Child("$", "we: ird's"), "plain-name_1"), 2);

        Assert.Equal(path, ConfigProblem.Parse(path + ": required").Path);
    }
}
