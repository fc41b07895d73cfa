using System.Linq;
using System.Threading.Tasks;
using Connectors.Generators.Tests.Generation;
using Connectors.Generators.Tests.Harness;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace Connectors.Generators.Tests.Diagnostics;

/// <summary>
/// A connector targets any runtime the SDK supports: its generated code compiles without a warning or a diagnostic
/// against each one's reference assemblies and the Connectors builds for it (the rule tests use the lowest).
/// </summary>
public sealed class TargetFrameworkTests
{
    public static TheoryData<string> Frameworks => new(TestFrameworks.All.Select(f => f.Name));

    [Theory]
    [MemberData(nameof(Frameworks))]
    public async Task The_Faker_sample_builds(string framework)
    {
        var test = Test(framework, OutputKind.ConsoleApplication);
        foreach (var (path, text) in RepoPaths.FakerSources())
        {
            test.TestState.Sources.Add((path, text));
        }
        await test.RunAsync();
    }

    [Theory]
    [MemberData(nameof(Frameworks))]
    public async Task Commands_and_hooks_of_every_shape_build(string framework)
    {
        var test = Test(framework, OutputKind.DynamicallyLinkedLibrary);
        test.TestCode = CommandSources.Complete;
        await test.RunAsync();
    }

    [Theory]
    [MemberData(nameof(Frameworks))]
    public async Task A_destination_with_every_hook_builds(string framework)
    {
        var test = Test(framework, OutputKind.ConsoleApplication);
        test.TestCode = DestinationSources.EveryHook;
        await test.RunAsync();
    }

    private static ConnectorsAnalyzerTest Test(string framework, OutputKind kind)
    {
        var test = new ConnectorsAnalyzerTest(TestFrameworks.All.Single(f => f.Name == framework)) { CompilerDiagnostics = CompilerDiagnostics.Warnings };
        test.TestState.OutputKind = kind;
        return test;
    }
}
