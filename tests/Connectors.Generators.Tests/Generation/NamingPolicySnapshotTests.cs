using Connectors.Generators.Tests.Harness;
using Xunit;

namespace Connectors.Generators.Tests.Generation;

/// <summary>[Connector(Naming = …)] renames config properties and record fields alike; explicit names win.</summary>
public sealed class NamingPolicySnapshotTests
{
    private const string Body = """
            [ConfigProperty] public string APIKey { get; set; } = "";
            [ConfigProperty] public int HTTPServer2Port { get; set; } = 80;
            [ConfigProperty(Name = "explicit_name")] public string Renamed { get; set; } = "";

            [Check] public CheckResult Check() => CheckResult.Success();

            [Stream("records", PrimaryKey = nameof(NamedRecord.URLValue), Cursor = nameof(NamedRecord.UpdatedAt))]
            public IEnumerable<NamedRecord> Read(long? since) => [];
        }

        public sealed record NamedRecord(
            string URLValue,
            long UpdatedAt,
            string Address1Line,
            string already_snake,
            [property: JsonPropertyName("Custom")] string Renamed,
            Inner InnerValue);

        public sealed record Inner(string PersonID);
        """;

    [Fact]
    public void Camel_case() => Snapshot.GenerateAndVerify(Source("FieldNaming.CamelCase"));

    [Fact]
    public void Kebab_case() => Snapshot.GenerateAndVerify(Source("FieldNaming.KebabCase"));

    [Fact]
    public void As_declared() => Snapshot.GenerateAndVerify(Source("FieldNaming.AsDeclared"));

    private static string Source(string naming) => $$"""
        using System.Collections.Generic;
        using System.Text.Json.Serialization;
        using Connectors;

        namespace Sample;

        [Connector("source-naming", Naming = {{naming}})]
        public partial class NamingSource
        {
        {{Body}}
        """;
}
