using System.Threading.Tasks;
using Connectors.Generators.Tests.Harness;
using Xunit;
using static Connectors.Generators.Tests.Diagnostics.TestSources;
using static Connectors.Generators.Tests.Harness.ConnectorsAnalyzerTest;

namespace Connectors.Generators.Tests.Diagnostics;

/// <summary>Rules about [ConfigProperty] members: CONN0009, CONN0014.</summary>
public sealed class ConfigDiagnosticTests
{
    private const string Settings = "public sealed class Settings { public string Name { get; set; } = \"\"; }\n";

    [Theory]
    [InlineData("object", "= new();", "object")]
    [InlineData("char", "", "char")]
    [InlineData("Guid", "", "System.Guid")]
    [InlineData("TimeOnly", "", "System.TimeOnly")]
    [InlineData("Dictionary<string, string>", "= new();", "System.Collections.Generic.Dictionary<string, string>")]
    [InlineData("int[][]", "= [];", "int[][]")]
    [InlineData("List<List<string>>", "= [];", "System.Collections.Generic.List<System.Collections.Generic.List<string>>")]
    [InlineData("(int, string)", "", "(int, string)")]
    [InlineData("HashSet<string>", "= [];", "System.Collections.Generic.HashSet<string>")]
    [InlineData("Settings", "= new();", "Sample.Settings")]
    public async Task CONN0009_config_type_the_spec_cannot_represent(string type, string initializer, string displayed) =>
        await VerifyAsync(Valid($"[ConfigProperty] public {{|#0:{type}|}} Option {{ get; set; }} {initializer}", types: Settings),
            Diagnostic("CONN0009").WithLocation(0).WithMessage($"The configuration property 'Option' has type '{displayed}', which the spec cannot represent; use string, bool, a number type, DateTimeOffset, DateTime, DateOnly, Uri, an enum, an array or list of those, or a class whose properties are [ConfigProperty]"));

    [Fact]
    public async Task CONN0009_in_a_nested_config_class() =>
        await VerifyAsync(
            Valid("[ConfigProperty] public Settings Settings { get; set; } = new();",
                types: "public sealed class Settings { [ConfigProperty] public {|CONN0009:object|} Value { get; set; } = new(); [ConfigProperty] public string Name { get; set; } = \"\"; }\n"));

    [Fact]
    public async Task CONN0009_fixed() => await VerifyCleanAsync(Valid("""
        [ConfigProperty] public string Option { get; set; } = "";
        [ConfigProperty] public List<string> Options { get; set; } = [];
        [ConfigProperty] public Settings Settings { get; set; } = new();
        """, types: "public sealed class Settings { [ConfigProperty] public string Name { get; set; } = \"\"; }\n"));

    [Theory]
    [InlineData("public string {|#0:Option|} { get; } = \"\";")]
    [InlineData("public string {|#0:Option|} { get; init; } = \"\";")]
    [InlineData("public static string {|#0:Option|} { get; set; } = \"\";")]
    public async Task CONN0014_config_property_without_a_setter(string property) =>
        await VerifyAsync(Valid("[ConfigProperty] " + property), Diagnostic("CONN0014").WithLocation(0)
            .WithMessage("The configuration property 'Option' needs a set accessor (init is not enough) that the connector class can call"));

    [Fact]
    public async Task CONN0014_private_setter_of_a_nested_config_class()
    {
        // The binder is generated into the connector class, which cannot call another class's private setter.
        var source = Valid("[ConfigProperty] public Settings Settings { get; set; } = new();",
            types: "public sealed class Settings { [ConfigProperty] public string {|CONN0014:Name|} { get; private set; } = \"\"; [ConfigProperty] public int Size { get; set; } }\n");

        await VerifyAsync(source);
        GeneratorAssert.CompilesCleanly(GeneratorHarness.Run(WithoutMarkup(source)));
    }

    [Fact]
    public async Task CONN0014_fixed() => await VerifyCleanAsync(Valid("""
        [ConfigProperty] public string Option { get; set; } = "";
        [ConfigProperty] public string Internal { get; private set; } = "";
        """));
}
