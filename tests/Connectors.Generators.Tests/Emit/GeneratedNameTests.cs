using System.Linq;
using Connectors.Generators.Tests.Harness;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;

namespace Connectors.Generators.Tests.Emit;

/// <summary>
/// Every member the generator adds to a connector's <c>ConnectorsGenerated</c> class gets a name no other generated
/// member has, whichever emitter writes it: names that would clash (CS0102, CS0111) get a number instead.
/// </summary>
public sealed class GeneratedNameTests
{
    [Fact]
    public void Two_config_classes_of_the_same_name_each_with_a_pattern_member_of_the_same_name()
    {
        var run = GeneratorHarness.Run("""
            using Connectors;

            namespace Primary
            {
                public sealed class Server
                {
                    [ConfigProperty(Pattern = "^[a-z]+$")] public string Host { get; set; } = "main";
                }
            }

            namespace Replica
            {
                public sealed class Server
                {
                    [ConfigProperty(Pattern = "^[0-9.]+$")] public string Host { get; set; } = "1.2.3.4";
                }
            }

            namespace Sample
            {
                [Connector("source-servers")]
                public partial class ServersSource
                {
                    [ConfigProperty] public Primary.Server Primary { get; set; } = new();
                    [ConfigProperty] public Replica.Server Replica { get; set; } = new();

                    [Stream("items")] public System.Collections.Generic.IEnumerable<Item> Items() => new Item[0];
                }

                public sealed record Item(int Id);
            }
            """);

        GeneratorAssert.Succeeds(run);
        var binder = Generated(run, "ConfigBinder");
        Assert.Contains("ServerHostPattern =", binder);
        Assert.Contains("Server2HostPattern =", binder);
        Assert.Contains("ServerPropertyNames =", binder);
        Assert.Contains("Server2PropertyNames =", binder);
        // Each class is checked against its own pattern.
        Assert.Contains("new(\"^[a-z]+$\"", binder);
        Assert.Contains("new(\"^[0-9.]+$\"", binder);
    }

    [Fact]
    public void A_stream_and_a_command_whose_generated_members_would_share_a_name()
    {
        // The stream "orders-payload" has the schema constant OrdersPayloadSchema; so would the command method Orders.
        var run = GeneratorHarness.Run("""
            using System.Collections.Generic;
            using Connectors;

            namespace Sample;

            [Connector("source-orders")]
            public partial class OrdersSource
            {
                [Stream("orders-payload")] public IEnumerable<Order> Read() => new Order[0];

                [Stream("config")] public IEnumerable<Order> ReadConfig() => new Order[0];

                [Command("Sample.Orders")] public int Orders(int count) => count;
            }

            public sealed record Order(int Id);
            """);

        GeneratorAssert.Succeeds(run);
        var members = GeneratedMemberNames(run);
        Assert.Equal(members.Distinct().Count(), members.Length);
        Assert.Contains("OrdersPayloadSchema", members);
        Assert.Contains("Orders2PayloadSchema", members);
        // The spec's ConfigSchema keeps its name; the stream "config" takes the next.
        Assert.Contains("ConfigSchema", members);
        Assert.Contains("Config2Schema", members);
    }

    private static string Generated(GeneratorRun run, string part) =>
        run.Result.GeneratedSources.Single(s => s.HintName.EndsWith("." + part + ".g.cs", System.StringComparison.Ordinal)).SourceText.ToString();

    /// <summary>The names of the members of every part of the ConnectorsGenerated class.</summary>
    private static string[] GeneratedMemberNames(GeneratorRun run) =>
        run.Result.GeneratedSources
            .SelectMany(s => s.SyntaxTree.GetRoot().DescendantNodes().OfType<ClassDeclarationSyntax>().Where(c => c.Identifier.ValueText == "ConnectorsGenerated"))
            .SelectMany(c => c.Members)
            .SelectMany(m => m switch
            {
                MethodDeclarationSyntax method => new[] { method.Identifier.ValueText },
                FieldDeclarationSyntax field => field.Declaration.Variables.Select(v => v.Identifier.ValueText).ToArray(),
                PropertyDeclarationSyntax property => new[] { property.Identifier.ValueText },
                BaseTypeDeclarationSyntax type => new[] { type.Identifier.ValueText },
                _ => new string[0],
            })
            .ToArray();
}
