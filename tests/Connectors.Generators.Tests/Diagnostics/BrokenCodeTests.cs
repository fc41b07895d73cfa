using System.Linq;
using System.Threading.Tasks;
using Connectors.Generators.Tests.Harness;
using Xunit;
using static Connectors.Generators.Tests.Diagnostics.TestSources;

namespace Connectors.Generators.Tests.Diagnostics;

/// <summary>
/// Code being typed is broken most of the time: the generator must neither throw nor report on it, and the analyzer
/// must not crash (a crash shows up as AD0001).
/// </summary>
public sealed class BrokenCodeTests
{
    public static readonly TheoryData<string, string> Sources = new()
    {
        { "connector without a name", Usings + "[Connector] public partial class A { }" },
        { "connector named null", Usings + "[Connector(null)] public partial class A { }" },
        { "unknown naming policy", Usings + "[Connector(\"a\", Naming = (FieldNaming)42)] public partial class A { [ConfigProperty] public int Count { get; set; } }" },
        { "half-typed property", Usings + "[Connector(\"a\")] public partial class A { [ConfigProperty] public int" },
        { "unknown config type", Usings + "[Connector(\"a\")] public partial class A { [ConfigProperty] public Missing Value { get; set; } }" },
        { "default and minimum of the wrong kind", Usings + "[Connector(\"a\")] public partial class A { [ConfigProperty(Default = \"x\", Minimum = double.NaN)] public int Count { get; set; } }" },
        { "examples set to null", Usings + "[Connector(\"a\")] public partial class A { [ConfigProperty(Examples = null)] public int Count { get; set; } = 1; }" },
        { "stream without a name", Usings + "[Connector(\"a\")] public partial class A { [Stream] public IEnumerable<Item> Items() => []; }" },
        { "stream with an empty name", Usings + "[Connector(\"a\")] public partial class A { [Stream(\"\")] public IEnumerable<Item> Items() => []; }" },
        { "cursor that is not a string", Usings + "[Connector(\"a\")] public partial class A { [Stream(\"s\", Cursor = 5)] public IEnumerable<Item> Items() => []; }" },
        { "empty primary key and cursor", Usings + "[Connector(\"a\")] public partial class A { [Stream(\"s\", PrimaryKey = \",, .\", Cursor = \"\")] public IEnumerable<Item> Items() => []; }" },
        { "unknown record type", Usings + "[Connector(\"a\")] public partial class A { [Stream(\"s\")] public IEnumerable<Missing> Items() => []; }" },
        { "unknown cursor parameter type", Usings + "[Connector(\"a\")] public partial class A { [Stream(\"s\")] public IEnumerable<Item> Items(Missing since) => []; }" },
        { "half-typed stream method", Usings + "[Connector(\"a\")] public partial class A { [Stream(\"s\")] public IEnumerable<Item> Items( }" },
        { "unknown check return type", Usings + "[Connector(\"a\")] public partial class A { [Check] public Missing Check() => null; }" },
        { "unknown check parameter type", Usings + "[Connector(\"a\")] public partial class A { [Check] public CheckResult Check(Missing x) => CheckResult.Success(); }" },
        { "connector struct", Usings + "[Connector(\"a\")] public partial struct A { }" },
        { "connector interface", Usings + "[Connector(\"a\")] public partial interface IA { }" },
        { "class that derives from itself", Usings + "[Connector(\"a\")] public partial class A : A { }" },
        { "record that contains itself", Usings + "public sealed record Node(Node Next); [Connector(\"a\")] public partial class A { [Stream(\"s\")] public IEnumerable<Node> Nodes() => []; }" },
        { "config class that contains itself", Usings + "public sealed class Deep { [ConfigProperty] public Deep Inner { get; set; } = new(); } [Connector(\"a\")] public partial class A { [ConfigProperty] public Deep Deep { get; set; } = new(); }" },
    };

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task Generator_and_analyzer_survive_broken_code(string problem, string source)
    {
        var run = GeneratorHarness.Run(source);

        GeneratorAssert.Quiet(run);
        // Only the analyzer's own rules: no AD0001 (the analyzer threw).
        var foreign = (await AnalyzerHarness.AnalyzeAsync(run.Output)).Where(d => !d.Id.StartsWith("CONN", System.StringComparison.Ordinal)).ToList();
        Assert.True(foreign.Count == 0, $"{problem}: {string.Join("\n", foreign)}");
    }
}
