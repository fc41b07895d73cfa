using Connectors.Generators.Tests.Harness;
using Xunit;

namespace Connectors.Generators.Tests.Generation;

/// <summary>Every option of [ConfigProperty] (and the C# that stands in for one): schema facets and binder behaviour.</summary>
public sealed class ConfigPropertyOptionSnapshotTests
{
    [Fact]
    public void Names_titles_and_descriptions() => Snapshot.GenerateAndVerify("""
        using System.Text.Json.Serialization;
        using Connectors;

        namespace Sample;

        [Connector("source-names", Title = "Names \"Source\"")]
        public partial class NamesSource
        {
            /// <summary>
            /// The account, as shown on the <see cref="NamesSource"/> settings page
            /// (see <paramref name="unused"/>).
            /// </summary>
            /// <remarks>Not part of the description.</remarks>
            [ConfigProperty]
            public string AccountName { get; set; } = "";

            /// <summary>Ignored: the attribute's description wins.</summary>
            [ConfigProperty(Name = "base-url", Title = "Base URL", Description = "Where the API lives.\nSecond line with \"quotes\".")]
            public string BaseUrl { get; set; } = "";

            [JsonPropertyName("page_size_override")]
            [ConfigProperty]
            public int PageSize { get; set; } = 10;

            [JsonPropertyName("ignored_name")]
            [ConfigProperty(Name = "explicit_name")]
            public string Both { get; set; } = "";
        }
        """);

    [Fact]
    public void Secret_and_hidden() => Snapshot.GenerateAndVerify("""
        using Connectors;

        namespace Sample;

        [Connector("source-secrets")]
        public partial class SecretsSource
        {
            [ConfigProperty(Secret = true)] public string ApiKey { get; set; } = "";
            [ConfigProperty(Secret = true)] public int? Pin { get; set; }
            [ConfigProperty(Hidden = true)] public string DebugFlags { get; set; } = "";
            [ConfigProperty(Secret = true, Hidden = true)] public string InternalToken { get; set; } = "";
        }
        """);

    [Fact]
    public void Defaults_from_the_attribute_and_from_constant_initializers() => Snapshot.GenerateAndVerify("""
        using System;
        using Connectors;

        namespace Sample;

        public enum Mode { Fast, Safe }

        [Connector("source-defaults")]
        public partial class DefaultsSource
        {
            private const int DefaultPageSize = 100;

            // From the attribute: in the schema, and assigned by the binder when the value is absent.
            [ConfigProperty(Default = "https://api.example.com")] public Uri? BaseUrl { get; set; }
            [ConfigProperty(Default = "main")] public string Branch { get; set; } = "";
            [ConfigProperty(Default = 3)] public long Retries { get; set; }
            [ConfigProperty(Default = 2.5)] public double Ratio { get; set; }
            [ConfigProperty(Default = 12.5)] public decimal Budget { get; set; }
            [ConfigProperty(Default = 1.5f)] public float Factor { get; set; }
            [ConfigProperty(Default = 0.1f)] public float Share { get; set; }
            [ConfigProperty(Default = true)] public bool Enabled { get; set; }
            [ConfigProperty(Default = Mode.Safe)] public Mode Mode { get; set; }
            [ConfigProperty(Default = "2024-01-31")] public DateOnly StartDate { get; set; }
            [ConfigProperty(Default = "2024-01-31T00:00:00Z")] public DateTimeOffset StartTime { get; set; }
            [ConfigProperty(Default = "2024-01-31T08:30:00")] public DateTime LocalStart { get; set; }
            [ConfigProperty(Default = 7)] public byte Weekdays { get; set; }

            // From a constant initializer: in the schema; the initializer already set the value.
            [ConfigProperty] public int PageSize { get; set; } = DefaultPageSize;
            [ConfigProperty] public string Region { get; set; } = "eu-" + "west";
            [ConfigProperty] public bool Verbose { get; set; } = false;
            [ConfigProperty] public Mode Fallback { get; set; } = Mode.Fast;
            [ConfigProperty] public double Threshold { get; set; } = 0.25;

            // A non-constant initializer makes the property optional, with no default in the schema.
            [ConfigProperty] public DateTimeOffset Since { get; set; } = DateTimeOffset.UnixEpoch;
        }
        """);

    [Fact]
    public void Examples_bounds_and_patterns() => Snapshot.GenerateAndVerify("""
        using Connectors;

        namespace Sample;

        [Connector("source-constraints")]
        public partial class ConstraintsSource
        {
            [ConfigProperty(Minimum = 1, Maximum = 500, Examples = new object[] { 50, 100 })] public int PageSize { get; set; } = 100;
            [ConfigProperty(Minimum = 0.5, Maximum = 10)] public double Ratio { get; set; } = 1;
            [ConfigProperty(Minimum = 0)] public long? Offset { get; set; }
            [ConfigProperty(Maximum = 100)] public byte Percent { get; set; } = 50;
            [ConfigProperty(Pattern = "^[A-Z]{3}$", Examples = new object[] { "USD", "EUR" })] public string Currency { get; set; } = "USD";
            [ConfigProperty(Pattern = @"^\d+(\.\d+)?$")] public string? Version { get; set; }
        }
        """);

    [Fact]
    public void Order_and_groups() => Snapshot.GenerateAndVerify("""
        using Connectors;

        namespace Sample;

        [Connector("source-layout")]
        public partial class LayoutSource
        {
            [ConfigProperty(Order = 2, Group = "connection")] public string Host { get; set; } = "";
            [ConfigProperty(Order = 0, Group = "auth")] public string User { get; set; } = "";
            [ConfigProperty(Order = 1, Group = "auth", Secret = true)] public string Password { get; set; } = "";
            [ConfigProperty(Order = 3)] public int Port { get; set; } = 5432;
        }
        """);

    [Fact]
    public void Required_members() => Snapshot.GenerateAndVerify("""
        using Connectors;

        namespace Sample;

        public sealed class Credentials
        {
            [ConfigProperty] public required string ClientId { get; set; }
            [ConfigProperty] public string Scope { get; set; } = "read";
        }

        [Connector("source-required")]
        public partial class RequiredSource
        {
            // `required`, a non-nullable type without initializer, or neither.
            [ConfigProperty(Secret = true)] public required string ApiKey { get; set; }
            [ConfigProperty] public required int? Limit { get; set; }
            [ConfigProperty] public int Count { get; set; }
            [ConfigProperty] public string? Note { get; set; }
            [ConfigProperty] public required Credentials Credentials { get; set; }
        }
        """);
}
