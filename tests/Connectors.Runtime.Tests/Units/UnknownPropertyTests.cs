using System.Linq;
using System.Text.Json;
using Xunit;

namespace Connectors.Runtime.Tests.Units;

/// <summary>
/// Keys a config object does not declare: each is noted with its JSON path and the property it most likely misspells,
/// or, when the reader rejects them, reported as a problem among the others.
/// </summary>
public sealed class UnknownPropertyTests
{
    private static readonly string[] Known = ["count", "seed", "records_per_slice", "always_updated"];

    [Theory]
    [InlineData("cout", "count")]
    [InlineData("counts", "count")]
    [InlineData("Count", "count")]
    [InlineData("COUNT", "count")]
    [InlineData("sed", "seed")]
    [InlineData("RecordsPerSlice", "records_per_slice")]
    [InlineData("recordsPerSlice", "records_per_slice")]
    [InlineData("records-per-slice", "records_per_slice")]
    [InlineData("record_per_slice", "records_per_slice")]
    [InlineData("always_udpated", "always_updated")]
    public void A_misspelt_key_suggests_the_property_it_most_likely_means(string key, string expected) =>
        Assert.Equal(expected, ClosestName.Find(key, Known));

    [Theory]
    [InlineData("zzz")]
    [InlineData("c")]
    [InlineData("limit")]
    [InlineData("api_key")]
    [InlineData("")]
    public void A_key_like_no_property_suggests_none(string key) => Assert.Null(ClosestName.Find(key, Known));

    [Fact]
    public void No_properties_means_no_suggestion() => Assert.Null(ClosestName.Find("count", []));

    [Fact]
    public void Keys_of_an_object_that_are_not_its_properties_are_noted_with_their_paths_in_document_order()
    {
        using var document = JsonDocument.Parse("""{"cout": 1, "seed": 2, "Seed": 3, "a b": 4, "records_per_slice": 5}""");
        var reader = new ConfigReader(document.RootElement);

        reader.CheckProperties(document.RootElement, "$.options", Known);

        Assert.Empty(reader.Errors);
        Assert.Equal(
            new[]
            {
                new UnknownProperty("$.options.cout", "cout", "count"),
                new UnknownProperty("$.options.Seed", "Seed", "seed"),
                new UnknownProperty("$.options['a b']", "a b", null),
            },
            reader.UnknownProperties);
    }

    [Fact]
    public void Rejected_unknown_keys_are_problems_with_their_paths_and_suggestions()
    {
        using var document = JsonDocument.Parse("""{"cout": 1, "zzz": 2}""");
        var reader = new ConfigReader(document.RootElement) { RejectUnknownProperties = true };

        reader.CheckProperties(document.RootElement, "$", Known);

        Assert.Empty(reader.UnknownProperties);
        Assert.Equal(["$.cout: unknown property (did you mean \"count\"?)", "$.zzz: unknown property"], reader.Errors);
    }

    [Fact]
    public void An_object_without_properties_has_every_key_unknown_and_a_non_object_is_left_to_the_type_check()
    {
        using var document = JsonDocument.Parse("""{"a": {"x": 1}, "b": [1]}""");
        var reader = new ConfigReader(document.RootElement);

        reader.CheckProperties(document.RootElement.GetProperty("a"), "$.a", []);
        reader.CheckProperties(document.RootElement.GetProperty("b"), "$.b", []);

        Assert.Equal(["$.a.x"], reader.UnknownProperties.Select(u => u.Path));
    }

    [Fact]
    public void The_problem_quotes_a_suggestion_as_JSON() =>
        Assert.Equal("unknown property (did you mean \"say \\\"hi\\\"\"?)", new UnknownProperty("$.x", "x", "say \"hi\"").Problem);
}
