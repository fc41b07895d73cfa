using System.Threading.Tasks;
using Connectors.Generators.Tests.Harness;
using Xunit;
using static Connectors.Generators.Tests.Diagnostics.TestSources;

namespace Connectors.Generators.Tests.Diagnostics;

/// <summary>Authoring rules about [ConfigProperty] members: CONN0039–CONN0042.</summary>
public sealed class ConfigAuthoringDiagnosticTests
{
    [Theory]
    [InlineData("[ConfigProperty] public string Password { get; set; } = \"\";", "Password")]
    [InlineData("[ConfigProperty] public string ApiKey { get; set; } = \"\";", "ApiKey")]
    [InlineData("[ConfigProperty] public string? APIKey { get; set; }", "APIKey")]
    [InlineData("[ConfigProperty] public string ClientSecret { get; set; } = \"\";", "ClientSecret")]
    [InlineData("[ConfigProperty] public string RefreshToken { get; set; } = \"\";", "RefreshToken")]
    [InlineData("[ConfigProperty] public string Token { get; set; } = \"\";", "Token")]
    [InlineData("[ConfigProperty] public string PrivateKey { get; set; } = \"\";", "PrivateKey")]
    [InlineData("[ConfigProperty] public string AwsSecretAccessKey { get; set; } = \"\";", "AwsSecretAccessKey")]
    [InlineData("[ConfigProperty(Name = \"api_key\")] public string Key { get; set; } = \"\";", "Key")]
    public async Task CONN0039_secret_looking_property_without_Secret(string property, string name)
    {
        var diagnostics = await AnalyzerHarness.AssertReportedAsync(Valid(property), "CONN0039", name);

        Assert.StartsWith($"The configuration property '{name}' looks like a secret; add Secret = true", diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task CONN0039_fixed() => await AnalyzerHarness.AssertCleanAsync(Valid("""
        [ConfigProperty(Secret = true)] public string Password { get; set; } = "";
        [ConfigProperty(Secret = false)] public string PublicToken { get; set; } = "";
        [ConfigProperty] public string TokenUrl { get; set; } = "";
        [ConfigProperty] public string SecretName { get; set; } = "";
        [ConfigProperty] public int MaxTokens { get; set; } = 10;
        [ConfigProperty] public string PrimaryKeyColumn { get; set; } = "";
        """));

    [Theory]
    [InlineData("[ConfigProperty(Secret = true)] public int Pin { get; set; }", "int")]
    [InlineData("[ConfigProperty(Secret = true)] public bool? Flag { get; set; }", "bool?")]
    public async Task CONN0040_secret_that_is_not_text(string property, string type)
    {
        var diagnostics = await AnalyzerHarness.AssertReportedAsync(Valid(property), "CONN0040", "true");

        Assert.Contains($"has type '{type}'; only text can be a secret", diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task CONN0040_fixed() => await AnalyzerHarness.AssertCleanAsync(Valid("""
        [ConfigProperty(Secret = true)] public string Pin { get; set; } = "";
        [ConfigProperty(Secret = true)] public List<string> RecoveryCodes { get; set; } = [];
        [ConfigProperty(Secret = false)] public int Port { get; set; } = 5432;
        """));

    [Theory]
    [InlineData("[ConfigProperty(Minimum = 1, Maximum = 10)] public int Size { get; set; } = 20;", "20", "is greater than its Maximum 10")]
    [InlineData("[ConfigProperty(Default = 0, Minimum = 1)] public int? Size { get; set; }", "0", "is less than its Minimum 1")]
    [InlineData("[ConfigProperty(Default = 0.5, Minimum = 1.5)] public double? Size { get; set; }", "0.5", "is less than its Minimum 1.5")]
    [InlineData("[ConfigProperty(Pattern = \"^[a-z]+$\")] public string Region { get; set; } = \"EU\";", "\"EU\"", "does not match its Pattern '^[a-z]+$'")]
    public async Task CONN0041_default_breaks_its_own_constraints(string property, string span, string problem)
    {
        var diagnostics = await AnalyzerHarness.AssertReportedAsync(Valid(property), "CONN0041", span);

        Assert.Equal($"The default {span} of configuration property '{(property.Contains("Region") ? "Region" : "Size")}' {problem}", diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task CONN0041_fixed() => await AnalyzerHarness.AssertCleanAsync(Valid("""
        [ConfigProperty(Minimum = 1, Maximum = 10)] public int Size { get; set; } = 10;
        [ConfigProperty(Default = 1, Minimum = 1)] public int? Retries { get; set; }
        [ConfigProperty(Pattern = "^[a-z]+$")] public string Region { get; set; } = "eu";
        [ConfigProperty(Pattern = "[")] public string Unreadable { get; set; } = "x";
        """));

    [Theory]
    [InlineData("[ConfigProperty(Default = \"ten\")] public int? Size { get; set; }", "\"ten\"", "default \"ten\"")]
    [InlineData("[ConfigProperty(Default = 1)] public bool? Enabled { get; set; }", "1", "default 1")]
    [InlineData("[ConfigProperty(Default = new[] { \"a\", \"b\" })] public List<string>? Tags { get; set; }", "new[] { \"a\", \"b\" }", "default {\"a\", \"b\"}")]
    [InlineData("[ConfigProperty(Examples = new object[] { 1, \"two\" })] public int Size { get; set; }", "new object[] { 1, \"two\" }", "example \"two\"")]
    public async Task CONN0042_default_or_example_of_another_type(string property, string span, string what)
    {
        var diagnostics = await AnalyzerHarness.AssertReportedAsync(Valid(property), "CONN0042", span);

        Assert.StartsWith($"The {what} of configuration property", diagnostics[0].GetMessage());
    }

    [Fact]
    public void CONN0042_an_array_default_does_not_stop_generation()
    {
        // An array constant has no Value (reading it throws); the parser must leave the default out, not the connector.
        var run = GeneratorHarness.Run(Valid("[ConfigProperty(Default = new[] { \"a\" }, Examples = new object[] { new[] { 1 } })] public List<string>? Tags { get; set; }"));

        GeneratorAssert.Succeeds(run);
        Assert.Contains("Sample.TestSource.Spec.g.cs", GeneratorAssert.HintNames(run));
    }

    [Fact]
    public async Task CONN0042_fixed() => await AnalyzerHarness.AssertCleanAsync(Valid("""
        [ConfigProperty(Default = 10, Examples = new object[] { 1, 2 })] public int? Size { get; set; }
        [ConfigProperty(Default = true)] public bool? Enabled { get; set; }
        [ConfigProperty(Default = "2024-01-01")] public DateOnly? Since { get; set; }
        """));
}
