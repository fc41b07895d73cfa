using Connectors.Generators.Tests.Harness;
using Xunit;

namespace Connectors.Generators.Tests.Generation;

/// <summary>Every C# type a [ConfigProperty] can have: its spec schema and its binder.</summary>
public sealed class ConfigTypeSnapshotTests
{
    [Fact]
    public void Scalar_types() => Snapshot.GenerateAndVerify("""
        using System;
        using System.Text.Json.Serialization;
        using Connectors;

        namespace Sample;

        public enum Region
        {
            UsEast,
            EuWest,
            [JsonStringEnumMemberName("ap-south")]
            ApSouth,
        }

        [Connector("source-scalars")]
        public partial class ScalarsSource
        {
            [ConfigProperty] public string Text { get; set; } = "";
            [ConfigProperty] public bool Flag { get; set; }
            [ConfigProperty] public sbyte Tiny { get; set; }
            [ConfigProperty] public byte Octet { get; set; }
            [ConfigProperty] public short Small { get; set; }
            [ConfigProperty] public ushort SmallUnsigned { get; set; }
            [ConfigProperty] public int Medium { get; set; }
            [ConfigProperty] public uint MediumUnsigned { get; set; }
            [ConfigProperty] public long Large { get; set; }
            [ConfigProperty] public ulong LargeUnsigned { get; set; }
            [ConfigProperty] public float Single { get; set; }
            [ConfigProperty] public double Double { get; set; }
            [ConfigProperty] public decimal Money { get; set; }
            [ConfigProperty] public DateTimeOffset StartTime { get; set; }
            [ConfigProperty] public DateTime LocalTime { get; set; }
            [ConfigProperty] public DateOnly StartDate { get; set; }
            [ConfigProperty] public Uri Endpoint { get; set; } = new("https://example.com");
            [ConfigProperty] public Region Region { get; set; }
        }
        """);

    [Fact]
    public void Nullable_types() => Snapshot.GenerateAndVerify("""
        using System;
        using System.Collections.Generic;
        using Connectors;

        namespace Sample;

        public enum Region { UsEast, EuWest }

        [Connector("source-nullables")]
        public partial class NullablesSource
        {
            [ConfigProperty] public string? Note { get; set; }
            [ConfigProperty] public bool? Verbose { get; set; }
            [ConfigProperty] public int? Limit { get; set; }
            [ConfigProperty] public ulong? Quota { get; set; }
            [ConfigProperty] public double? Ratio { get; set; }
            [ConfigProperty] public decimal? Budget { get; set; }
            [ConfigProperty] public DateTimeOffset? EndTime { get; set; }
            [ConfigProperty] public DateTime? LocalEnd { get; set; }
            [ConfigProperty] public DateOnly? EndDate { get; set; }
            [ConfigProperty] public Uri? Proxy { get; set; }
            [ConfigProperty] public Region? Fallback { get; set; }
            [ConfigProperty] public List<string?>? Aliases { get; set; }
            [ConfigProperty] public int?[] Slots { get; set; } = [];
        }
        """);

    [Fact]
    public void Arrays_and_lists() => Snapshot.GenerateAndVerify("""
        using System;
        using System.Collections.Generic;
        using Connectors;

        namespace Sample;

        public enum Region { UsEast, EuWest }

        [Connector("source-collections")]
        public partial class CollectionsSource
        {
            [ConfigProperty] public string[] Tags { get; set; } = [];
            [ConfigProperty] public List<int> Ports { get; set; } = [];
            [ConfigProperty] public IReadOnlyList<Region> Regions { get; set; } = [];
            [ConfigProperty] public IList<DateOnly> Holidays { get; set; } = [];
            [ConfigProperty] public IEnumerable<long> Ids { get; set; } = [];
            [ConfigProperty] public ICollection<Uri> Mirrors { get; set; } = [];
            [ConfigProperty] public IReadOnlyCollection<double> Weights { get; set; } = [];
            [ConfigProperty] public bool[] Switches { get; set; } = [];
        }
        """);

    [Fact]
    public void Nested_config_classes() => Snapshot.GenerateAndVerify("""
        using System.Collections.Generic;
        using Connectors;

        namespace Sample;

        public sealed class Credentials
        {
            [ConfigProperty] public string ClientId { get; set; } = "";
            [ConfigProperty(Secret = true)] public string ClientSecret { get; set; } = "";
            [ConfigProperty] public Endpoint Token { get; set; } = new();
        }

        public sealed class Endpoint
        {
            [ConfigProperty] public string Host { get; set; } = "localhost";
            [ConfigProperty] public int Port { get; set; } = 443;

            // Not configuration: left alone by the binder.
            public string Display => Host + ":" + Port;
        }

        [Connector("source-nested-config")]
        public partial class NestedConfigSource
        {
            [ConfigProperty] public Credentials Credentials { get; set; } = new();
            [ConfigProperty] public Credentials? Backup { get; set; }
            [ConfigProperty] public List<Endpoint> Replicas { get; set; } = [];
        }
        """);
}
