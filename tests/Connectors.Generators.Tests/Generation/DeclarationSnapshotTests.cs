using Connectors.Generators.Tests.Harness;
using Xunit;

namespace Connectors.Generators.Tests.Generation;

/// <summary>Where and how the connector class is declared: the generated files reopen it exactly there.</summary>
public sealed class DeclarationSnapshotTests
{
    [Fact]
    public void Connector_nested_in_partial_containers() => Snapshot.GenerateAndVerify("""
        using System.Collections.Generic;
        using Connectors;

        namespace Sample.Connectors;

        public sealed record Item(int Id);

        public static partial class Outer
        {
            internal partial record Middle
            {
                [Connector("source-nested")]
                internal sealed partial class NestedSource
                {
                    [ConfigProperty] public string Name { get; set; } = "";

                    [Check] public CheckResult Check() => CheckResult.Success();

                    [Stream("items")] public IEnumerable<Item> Items() => [];
                }
            }
        }
        """);

    [Fact]
    public void Connector_in_the_global_namespace() => Snapshot.GenerateAndVerify("""
        using System.Collections.Generic;
        using Connectors;

        public sealed record Item(int Id);

        [Connector("source-global")]
        public partial class GlobalSource
        {
            [ConfigProperty] public string Name { get; set; } = "";

            [Check] public CheckResult Check() => CheckResult.Success();

            [Stream("items")] public IEnumerable<Item> Items() => [];
        }
        """);

    [Fact]
    public void Connector_declared_as_a_record_with_every_attribute_option() => Snapshot.GenerateAndVerify("""
        using System.Collections.Generic;
        using Connectors;

        namespace Sample;

        public sealed record Item(int Id);

        [Connector("source-full", Version = "2.1.0", Title = "Full \"Source\"", DocumentationUrl = "https://example.com/docs?a=1&b=2", StrictConfig = true)]
        public sealed partial record FullSource
        {
            [Check] public CheckResult Check() => CheckResult.Success();

            [Stream("items")] public IEnumerable<Item> Items() => [];
        }

        [Connector("destination-sink", Kind = ConnectorKind.Destination)]
        public partial class SinkDestination
        {
            [ConfigProperty] public string Path { get; set; } = "/tmp";
        }
        """);

    [Fact]
    public void Stream_names_that_are_not_identifiers() => Snapshot.GenerateAndVerify("""
        using System.Collections.Generic;
        using Connectors;

        namespace Sample;

        public sealed record Item(int Id);

        [Connector("source-stream-names")]
        public partial class StreamNamesSource
        {
            [Check] public CheckResult Check() => CheckResult.Success();

            [Stream("purchase-items")] public IEnumerable<Item> PurchaseItems() => [];

            [Stream("purchase_items", Namespace = "other")] public IEnumerable<Item> OtherPurchaseItems() => [];

            [Stream("2024 archive <old>")] public IEnumerable<Item> Archive() => [];

            [Stream("config")] public IEnumerable<Item> Config() => [];
        }
        """);

    [Fact]
    public void Members_named_with_CSharp_keywords() => Snapshot.GenerateAndVerify("""
        using System.Collections.Generic;
        using Connectors;

        namespace Sample;

        public enum Visibility { @public, @private, @default }

        public sealed record Item(long @checked, string @class, Visibility @event, Visibility? @public);

        [Connector("source-keywords")]
        public partial class KeywordsSource
        {
            [ConfigProperty] public required string @class { get; set; }
            [ConfigProperty(Default = Visibility.@default)] public Visibility @namespace { get; set; }

            [Check] public CheckResult @checked() => CheckResult.Success();

            [Stream("items", PrimaryKey = nameof(Item.@class), Cursor = nameof(Item.@checked))]
            public IEnumerable<Item> @event(long? since) => [];
        }
        """);
}
