using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Connectors.Http.Tests.Support;
using Xunit;

namespace Connectors.Http.Tests;

/// <summary>JSON paths that locate records, read in one pass with source-generated metadata.</summary>
public sealed class RecordSelectionTests
{
    private static List<Item> Select(string json, string path)
    {
        var items = new List<Item>();
        RecordSelector.Select(Encoding.UTF8.GetBytes(json), JsonPath.Parse(path), TestJson.Default.Item, items);
        return items;
    }

    [Theory]
    [InlineData("""{"data":[{"id":1,"name":"a"},{"id":2,"name":"b"}],"meta":{"id":9}}""", "$.data[*]")]
    [InlineData("""{"data":[{"id":1,"name":"a"},{"id":2,"name":"b"}]}""", "data[*]")]
    [InlineData("""[{"id":1,"name":"a"},{"id":2,"name":"b"}]""", "$[*]")]
    [InlineData("""{"objects":[{"package":{"id":1,"name":"a"},"score":1},{"score":2,"package":{"id":2,"name":"b"}}]}""", "$.objects[*].package")]
    [InlineData("""{"versions":{"1.0":{"id":1,"name":"a"},"2.0":{"id":2,"name":"b"}}}""", "$.versions.*")]
    [InlineData("""{"versions":{"1.0":{"id":1,"name":"a"},"2.0":{"id":2,"name":"b"}}}""", "$['versions'][*]")]
    [InlineData("""{"a":{"b":[[{"id":1,"name":"a"}],[{"id":2,"name":"b"}]]}}""", "$.a.b[*][*]")]
    public void Records_are_found_at_the_path(string json, string path)
    {
        Assert.Equal(new[] { 1, 2 }, Select(json, path).Select(i => i.Id));
    }

    [Fact]
    public void The_root_path_reads_the_whole_body_as_one_record()
    {
        Assert.Equal("whole", Assert.Single(Select("""{"id":7,"name":"whole","extra":[1,2]}""", "$")).Name);
    }

    [Fact]
    public void An_index_picks_one_element_and_nulls_and_values_of_other_shapes_are_skipped()
    {
        Assert.Equal(2, Assert.Single(Select("""{"data":[{"id":1,"name":"a"},{"id":2,"name":"b"}]}""", "$.data[1]")).Id);
        Assert.Equal(new[] { 3 }, Select("""{"data":[null,{"id":3,"name":"c"}]}""", "$.data[*]").Select(i => i.Id));
        Assert.Empty(Select("""{"data":{"id":1}}""", "$.data[0]"));
        Assert.Empty(Select("""{"other":[{"id":1,"name":"a"}]}""", "$.data[*]"));
        Assert.Empty(Select("""{"data":"text"}""", "$.data[*]"));
    }

    [Fact]
    public void A_scalar_token_is_read_as_text()
    {
        Assert.Equal("abc", RecordSelector.FirstScalar("""{"meta":{"next":"abc"}}"""u8, JsonPath.Parse("$.meta.next")));
        Assert.Equal("40", RecordSelector.FirstScalar("""{"meta":{"next":40}}"""u8, JsonPath.Parse("$.meta.next")));
        Assert.Null(RecordSelector.FirstScalar("""{"meta":{"next":null}}"""u8, JsonPath.Parse("$.meta.next")));
        Assert.Null(RecordSelector.FirstScalar("""{"meta":{}}"""u8, JsonPath.Parse("$.meta.next")));
    }

    [Theory]
    [InlineData("$.data[?(@.id)]")]
    [InlineData("$..id")]
    [InlineData("$.data[")]
    public void Paths_outside_the_subset_are_refused_with_the_path_named(string path)
    {
        var error = Assert.Throws<FormatException>(() => JsonPath.Parse(path));
        Assert.Contains(path, error.Message);
    }
}
