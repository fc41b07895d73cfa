using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Connectors.Runtime.Airbyte;
using Xunit;

namespace Connectors.Runtime.Tests.Units;

/// <summary>
/// The configured catalog of <c>write</c> checked against what the destination supports: each rejected stream is
/// named with its catalog path and the reason a user acts on, and only accepted streams are written.
/// </summary>
public sealed class WritePlanTests
{
    private static (List<DestinationStream> Streams, List<(string Problem, StreamKey Stream)> Problems) Plan(
        string streams, DestinationSyncModes supported = DestinationSyncModes.Append)
    {
        using var document = JsonDocument.Parse("{\"streams\":[" + streams + "]}");
        var catalog = ConfiguredCatalog.Parse(document.RootElement, "catalog.json");
        var handlers = new DestinationHandlers<object> { Write = (_, _) => ValueTask.CompletedTask, SyncModes = supported };
        var problems = new List<(string Problem, StreamKey Stream)>();
        return (WritePlan.Create(catalog, handlers, problems), problems);
    }

    private static string Entry(string name, string extra = "") =>
        "{\"stream\":{\"name\":\"" + name + "\",\"json_schema\":{}}" + extra + "}";

    [Fact]
    public void A_stream_twice_is_rejected_naming_where_it_first_appeared_and_only_the_first_is_written()
    {
        var (streams, problems) = Plan(string.Join(",", Entry("a"), Entry("b"), Entry("a")));

        Assert.Equal(["a", "b"], streams.Select(s => s.Name));
        var (problem, stream) = Assert.Single(problems);
        Assert.Equal(new StreamKey("a", null), stream);
        Assert.Equal("The catalog file 'catalog.json' is invalid: $.streams[2].stream.name: stream 'a' appears more than once in the catalog (first at $.streams[0])", problem);
    }

    [Fact]
    public void An_unsupported_destination_sync_mode_is_rejected_listing_only_the_supported_modes_in_spec_order()
    {
        var (streams, problems) = Plan(Entry("a", ",\"destination_sync_mode\":\"overwrite\""),
            DestinationSyncModes.AppendDedup | DestinationSyncModes.Append);

        Assert.Empty(streams);
        Assert.Equal("The catalog file 'catalog.json' is invalid: $.streams[0].destination_sync_mode: stream 'a' asks for 'overwrite', which this destination does not support; it supports: append, append_dedup",
            Assert.Single(problems).Problem);
    }

    [Fact]
    public void The_supported_mode_names_are_exactly_the_declared_flags()
    {
        Assert.Equal(["overwrite"], WritePlan.Names(DestinationSyncModes.Overwrite));
        Assert.Equal(["append", "overwrite", "append_dedup"],
            WritePlan.Names(DestinationSyncModes.Append | DestinationSyncModes.Overwrite | DestinationSyncModes.AppendDedup));
        Assert.Empty(WritePlan.Names(DestinationSyncModes.None));
    }

    [Fact]
    public void An_invalid_sync_mode_is_rejected_naming_the_accepted_values()
    {
        var (streams, problems) = Plan(Entry("a", ",\"sync_mode\":\"sometimes\""));

        Assert.Empty(streams);
        Assert.Equal("The catalog file 'catalog.json' is invalid: $.streams[0].sync_mode: stream 'a' has 'sometimes'; expected 'full_refresh' or 'incremental'",
            Assert.Single(problems).Problem);
    }

    [Fact]
    public void A_stream_with_several_problems_gets_one_the_destination_sync_mode_first()
    {
        var (_, problems) = Plan(Entry("a", ",\"sync_mode\":\"sometimes\",\"destination_sync_mode\":\"append_dedup\""));

        Assert.StartsWith("The catalog file 'catalog.json' is invalid: $.streams[0].destination_sync_mode:", Assert.Single(problems).Problem);
    }

    [Fact]
    public void A_bad_sync_mode_is_reported_before_a_missing_primary_key()
    {
        var (_, problems) = Plan(Entry("a", ",\"sync_mode\":\"sometimes\",\"destination_sync_mode\":\"append_dedup\""),
            DestinationSyncModes.AppendDedup);

        Assert.StartsWith("The catalog file 'catalog.json' is invalid: $.streams[0].sync_mode:", Assert.Single(problems).Problem);
    }

    [Fact]
    public void Append_dedup_without_any_primary_key_is_rejected()
    {
        var (streams, problems) = Plan(Entry("a", ",\"destination_sync_mode\":\"append_dedup\""), DestinationSyncModes.AppendDedup);

        Assert.Empty(streams);
        Assert.Equal("The catalog file 'catalog.json' is invalid: $.streams[0].primary_key: stream 'a' asks for destination_sync_mode 'append_dedup' but has no primary key (primary_key or source_defined_primary_key)",
            Assert.Single(problems).Problem);
    }

    [Fact]
    public void Append_dedup_takes_the_source_defined_primary_key_when_the_user_chose_none()
    {
        var (streams, problems) = Plan(
            "{\"stream\":{\"name\":\"a\",\"json_schema\":{},\"source_defined_primary_key\":[[\"id\"]]},\"destination_sync_mode\":\"append_dedup\"}",
            DestinationSyncModes.AppendDedup);

        Assert.Empty(problems);
        var stream = Assert.Single(streams);
        Assert.Equal(DestinationSyncMode.AppendDedup, stream.SyncMode);
        Assert.Equal([["id"]], stream.PrimaryKey);
    }

    [Fact]
    public void The_users_primary_key_wins_over_the_source_defined_one()
    {
        var (streams, _) = Plan(
            "{\"stream\":{\"name\":\"a\",\"json_schema\":{},\"source_defined_primary_key\":[[\"id\"]]},\"primary_key\":[[\"code\"]],\"destination_sync_mode\":\"append_dedup\"}",
            DestinationSyncModes.AppendDedup);

        Assert.Equal([["code"]], Assert.Single(streams).PrimaryKey);
    }

    [Fact]
    public void A_stream_without_any_primary_key_has_an_empty_one()
    {
        var (streams, _) = Plan(Entry("a"));

        Assert.Empty(Assert.Single(streams).PrimaryKey);
    }

    [Theory]
    [InlineData("incremental", SyncMode.Incremental)]
    [InlineData("full_refresh", SyncMode.FullRefresh)]
    public void The_source_sync_mode_reaches_the_destination(string written, SyncMode expected)
    {
        var (streams, problems) = Plan(Entry("a", ",\"sync_mode\":\"" + written + "\""));

        Assert.Empty(problems);
        Assert.Equal(expected, Assert.Single(streams).SourceSyncMode);
    }
}
