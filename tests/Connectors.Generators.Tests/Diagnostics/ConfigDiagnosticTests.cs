using System.Threading.Tasks;
using Connectors.Generators.Tests.Harness;
using Xunit;
using static Connectors.Generators.Tests.Diagnostics.TestSources;

namespace Connectors.Generators.Tests.Diagnostics;

/// <summary>Rules about [ConfigProperty] members: CONN0009, CONN0014.</summary>
public sealed class ConfigDiagnosticTests
{
    [Theory]
    [InlineData("object", "= new();")]
    [InlineData("char", "")]
    [InlineData("Guid", "")]
    [InlineData("TimeOnly", "")]
    [InlineData("Dictionary<string, string>", "= new();")]
    [InlineData("int[][]", "= [];")]
    [InlineData("List<List<string>>", "= [];")]
    [InlineData("(int, string)", "")]
    [InlineData("HashSet<string>", "= [];")]
    [InlineData("Settings", "= new();")]
    public async Task CONN0009_config_type_the_spec_cannot_represent(string type, string initializer)
    {
        var diagnostics = await AnalyzerHarness.AssertReportedAsync(
            Valid($"[ConfigProperty] public {type} Option {{ get; set; }} {initializer}",
                types: "public sealed class Settings { public string Name { get; set; } = \"\"; }\n"),
            "CONN0009", type);

        Assert.StartsWith($"The configuration property 'Option' has type", diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task CONN0009_in_a_nested_config_class() =>
        await AnalyzerHarness.AssertReportedAsync(
            Valid("[ConfigProperty] public Settings Settings { get; set; } = new();",
                types: "public sealed class Settings { [ConfigProperty] public object Value { get; set; } = new(); [ConfigProperty] public string Name { get; set; } = \"\"; }\n"),
            "CONN0009", "object");

    [Fact]
    public async Task CONN0009_fixed() => await AnalyzerHarness.AssertCleanAsync(Valid("""
        [ConfigProperty] public string Option { get; set; } = "";
        [ConfigProperty] public List<string> Options { get; set; } = [];
        [ConfigProperty] public Settings Settings { get; set; } = new();
        """, types: "public sealed class Settings { [ConfigProperty] public string Name { get; set; } = \"\"; }\n"));

    [Theory]
    [InlineData("public string Option { get; } = \"\";")]
    [InlineData("public string Option { get; init; } = \"\";")]
    [InlineData("public static string Option { get; set; } = \"\";")]
    public async Task CONN0014_config_property_without_a_setter(string property)
    {
        var diagnostics = await AnalyzerHarness.AssertReportedAsync(Valid("[ConfigProperty] " + property), "CONN0014", "Option");

        Assert.StartsWith("The configuration property 'Option' needs a set accessor", diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task CONN0014_private_setter_of_a_nested_config_class()
    {
        // The binder is generated into the connector class, which cannot call another class's private setter.
        var source = Valid("[ConfigProperty] public Settings Settings { get; set; } = new();",
            types: "public sealed class Settings { [ConfigProperty] public string Name { get; private set; } = \"\"; [ConfigProperty] public int Size { get; set; } }\n");

        await AnalyzerHarness.AssertReportedAsync(source, "CONN0014", "Name");
        GeneratorAssert.CompilesCleanly(GeneratorHarness.Run(source));
    }

    [Fact]
    public async Task CONN0014_fixed() => await AnalyzerHarness.AssertCleanAsync(Valid("""
        [ConfigProperty] public string Option { get; set; } = "";
        [ConfigProperty] public string Internal { get; private set; } = "";
        """));
}
