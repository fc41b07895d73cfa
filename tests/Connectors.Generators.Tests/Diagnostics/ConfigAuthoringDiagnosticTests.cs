using System.Threading.Tasks;
using Connectors.Generators.Tests.Harness;
using Xunit;
using static Connectors.Generators.Tests.Diagnostics.TestSources;
using static Connectors.Generators.Tests.Harness.ConnectorsAnalyzerTest;

namespace Connectors.Generators.Tests.Diagnostics;

/// <summary>Authoring rules about [ConfigProperty] members: CONN0039–CONN0042.</summary>
public sealed class ConfigAuthoringDiagnosticTests
{
    [Theory]
    [InlineData("[ConfigProperty] public string {|#0:Password|} { get; set; } = \"\";", "Password")]
    [InlineData("[ConfigProperty] public string {|#0:ApiKey|} { get; set; } = \"\";", "ApiKey")]
    [InlineData("[ConfigProperty] public string? {|#0:APIKey|} { get; set; }", "APIKey")]
    [InlineData("[ConfigProperty] public string {|#0:ClientSecret|} { get; set; } = \"\";", "ClientSecret")]
    [InlineData("[ConfigProperty] public string {|#0:RefreshToken|} { get; set; } = \"\";", "RefreshToken")]
    [InlineData("[ConfigProperty] public string {|#0:Token|} { get; set; } = \"\";", "Token")]
    [InlineData("[ConfigProperty] public string {|#0:PrivateKey|} { get; set; } = \"\";", "PrivateKey")]
    [InlineData("[ConfigProperty] public string {|#0:AwsSecretAccessKey|} { get; set; } = \"\";", "AwsSecretAccessKey")]
    [InlineData("[ConfigProperty(Name = \"api_key\")] public string {|#0:Key|} { get; set; } = \"\";", "Key")]
    public async Task CONN0039_secret_looking_property_without_Secret(string property, string name) =>
        await VerifyAsync(Valid(property), Diagnostic("CONN0039").WithLocation(0).WithMessage(
            $"The configuration property '{name}' looks like a secret; add Secret = true so forms hide it and the runtime masks its value in every output (or write Secret = false if it is not one)"));

    [Fact]
    public async Task CONN0039_fixed() => await VerifyCleanAsync(Valid("""
        [ConfigProperty(Secret = true)] public string Password { get; set; } = "";
        [ConfigProperty(Secret = false)] public string PublicToken { get; set; } = "";
        [ConfigProperty] public string TokenUrl { get; set; } = "";
        [ConfigProperty] public string SecretName { get; set; } = "";
        [ConfigProperty] public int MaxTokens { get; set; } = 10;
        [ConfigProperty] public string PrimaryKeyColumn { get; set; } = "";
        """));

    [Theory]
    [InlineData("[ConfigProperty(Secret = {|#0:true|})] public int Pin { get; set; }", "Pin", "int")]
    [InlineData("[ConfigProperty(Secret = {|#0:true|})] public bool? Flag { get; set; }", "Flag", "bool?")]
    public async Task CONN0040_secret_that_is_not_text(string property, string name, string type) =>
        await VerifyAsync(Valid(property), Diagnostic("CONN0040").WithLocation(0).WithMessage(
            $"The configuration property '{name}' has type '{type}'; only text can be a secret: forms hide only string fields, and masking a number or flag replaces every occurrence of that value in the output"));

    [Fact]
    public async Task CONN0040_fixed() => await VerifyCleanAsync(Valid("""
        [ConfigProperty(Secret = true)] public string Pin { get; set; } = "";
        [ConfigProperty(Secret = true)] public List<string> RecoveryCodes { get; set; } = [];
        [ConfigProperty(Secret = false)] public int Port { get; set; } = 5432;
        """));

    [Theory]
    [InlineData("[ConfigProperty(Minimum = 1, Maximum = 10)] public int Size { get; set; } = {|#0:20|};", "20", "is greater than its Maximum 10")]
    [InlineData("[ConfigProperty(Default = {|#0:0|}, Minimum = 1)] public int? Size { get; set; }", "0", "is less than its Minimum 1")]
    [InlineData("[ConfigProperty(Default = {|#0:0.5|}, Minimum = 1.5)] public double? Size { get; set; }", "0.5", "is less than its Minimum 1.5")]
    [InlineData("[ConfigProperty(Pattern = \"^[a-z]+$\")] public string Region { get; set; } = {|#0:\"EU\"|};", "\"EU\"", "does not match its Pattern '^[a-z]+$'")]
    public async Task CONN0041_default_breaks_its_own_constraints(string property, string value, string problem) =>
        await VerifyAsync(Valid(property), Diagnostic("CONN0041").WithLocation(0).WithMessage(
            $"The default {value} of configuration property '{(property.Contains("Region") ? "Region" : "Size")}' {problem}"));

    [Fact]
    public async Task CONN0041_fixed() => await VerifyCleanAsync(Valid("""
        [ConfigProperty(Minimum = 1, Maximum = 10)] public int Size { get; set; } = 10;
        [ConfigProperty(Default = 1, Minimum = 1)] public int? Retries { get; set; }
        [ConfigProperty(Pattern = "^[a-z]+$")] public string Region { get; set; } = "eu";
        [ConfigProperty(Pattern = "[")] public string Unreadable { get; set; } = "x";
        """));

    [Theory]
    [InlineData("[ConfigProperty(Default = {|#0:\"ten\"|})] public int? Size { get; set; }", "default \"ten\"", "Size", "int?")]
    [InlineData("[ConfigProperty(Default = {|#0:1|})] public bool? Enabled { get; set; }", "default 1", "Enabled", "bool?")]
    [InlineData("[ConfigProperty(Default = {|#0:new[] { \"a\", \"b\" }|})] public List<string>? Tags { get; set; }", "default {\"a\", \"b\"}", "Tags", "System.Collections.Generic.List<string>?")]
    [InlineData("[ConfigProperty(Examples = {|#0:new object[] { 1, \"two\" }|})] public int Size { get; set; }", "example \"two\"", "Size", "int")]
    public async Task CONN0042_default_or_example_of_another_type(string property, string what, string name, string type) =>
        await VerifyAsync(Valid(property), Diagnostic("CONN0042").WithLocation(0).WithMessage(
            $"The {what} of configuration property '{name}' does not fit its type '{type}', so it is left out of the spec"));

    [Fact]
    public void CONN0042_an_array_default_does_not_stop_generation()
    {
        // An array constant has no Value (reading it throws); the parser must leave the default out, not the connector.
        var run = GeneratorHarness.Run(Valid("[ConfigProperty(Default = new[] { \"a\" }, Examples = new object[] { new[] { 1 } })] public List<string>? Tags { get; set; }"));

        GeneratorAssert.Succeeds(run);
        Assert.Contains("Sample.TestSource.Spec.g.cs", GeneratorAssert.HintNames(run));
    }

    [Fact]
    public async Task CONN0042_fixed() => await VerifyCleanAsync(Valid("""
        [ConfigProperty(Default = 10, Examples = new object[] { 1, 2 })] public int? Size { get; set; }
        [ConfigProperty(Default = true)] public bool? Enabled { get; set; }
        [ConfigProperty(Default = "2024-01-01")] public DateOnly? Since { get; set; }
        """));
}
