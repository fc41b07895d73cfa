using System;
using System.IO;
using System.Text;
using System.Text.Json;
using Connectors.Runtime.Airbyte;
using Connectors.Runtime.Protocol;
using Xunit;

namespace Connectors.Runtime.Tests.Units;

/// <summary>
/// The STATE echo of a destination: which stream's records it counts (a wrong stream echoes state for records not
/// persisted), and the echoed line (every property but destinationStats kept, written at once).
/// </summary>
public sealed class StateEchoTests
{
    [Theory]
    [InlineData("""{"type":"STREAM","stream":{"stream_descriptor":{"name":"users"},"stream_state":{"cursor":5}}}""", "users", null)]
    [InlineData("""{"type":"STREAM","stream":{"stream_descriptor":{"name":"users","namespace":"public"}}}""", "users", "public")]
    [InlineData("""{"type":"STREAM","stream":{"stream_descriptor":{"namespace":"","name":"users"}}}""", "users", null)]
    [InlineData("""{"type":"STREAM","stream":{"stream_descriptor":{"name":"users","namespace":null}}}""", "users", null)]
    [InlineData("""{"stream":{"stream_state":null,"stream_descriptor":{"name":"users"}},"type":"STREAM"}""", "users", null)]
    [InlineData("""{"type":"STREAM","stream":{"stream_descriptor":{"extra":{"namespace":"x"},"name":"users","note":"y"}}}""", "users", null)]
    public void A_stream_state_counts_the_records_of_the_stream_its_descriptor_names(string state, string name, string? space)
    {
        Assert.Equal(new StreamKey(name, space), Echo(state).Stream);
    }

    [Theory]
    [InlineData("""{"type":"GLOBAL","stream":{"stream_descriptor":{"name":"users"}},"global":{"shared_state":{}}}""")]
    [InlineData("""{"type":"LEGACY","stream":{"stream_descriptor":{"name":"users"}},"data":{}}""")]
    [InlineData("""{"stream":{"stream_descriptor":{"name":"users"}},"data":{}}""")]
    [InlineData("""{"type":5,"stream":{"stream_descriptor":{"name":"users"}}}""")]
    public void A_global_legacy_or_untyped_state_counts_every_stream_even_when_it_names_one(string state)
    {
        Assert.Null(Echo(state).Stream);
    }

    [Theory]
    [InlineData("""{"type":"STREAM","stream":{"stream_descriptor":{"namespace":"public"}}}""")]
    [InlineData("""{"type":"STREAM","stream":{"stream_descriptor":"users"}}""")]
    [InlineData("""{"type":"STREAM","stream":{"stream_state":{}}}""")]
    [InlineData("""{"type":"STREAM","stream":"users"}""")]
    public void A_stream_state_without_a_named_descriptor_has_no_stream(string state)
    {
        Assert.Null(Echo(state).Stream);
    }

    [Fact]
    public void The_echo_keeps_every_property_and_replaces_the_incoming_destination_stats()
    {
        var line = """{"type":"STATE","state":{"type":"STREAM","destinationStats":{"recordCount":99},"stream":{"stream_descriptor":{"name":"users"}},"id":7,"x":[1]},"trailer":true}""";

        var echoed = Write(line, 42);

        Assert.Equal(
            """{"type":"STATE","state":{"type":"STREAM","stream":{"stream_descriptor":{"name":"users"}},"id":7,"x":[1],"destinationStats":{"recordCount":42}},"trailer":true}""" + "\n",
            echoed);
    }

    [Fact]
    public void Incoming_destination_stats_after_a_malformed_stream_are_still_replaced()
    {
        var echoed = Write("""{"type":"STATE","state":{"stream":"users","destinationStats":{"recordCount":99}}}""", 3);

        using var json = JsonDocument.Parse(echoed);
        var state = json.RootElement.GetProperty("state");
        Assert.Equal("users", state.GetProperty("stream").GetString());
        Assert.Equal(3, state.GetProperty("destinationStats").GetProperty("recordCount").GetInt64());
        Assert.Equal(1, Count(echoed, "destinationStats"));
    }

    [Fact]
    public void The_echo_is_flushed_to_the_output_at_once()
    {
        var output = new MemoryStream();
        using var lines = new JsonLineWriter(output, flushThreshold: 1 << 20, maxLatency: TimeSpan.FromHours(1));

        Echo("""{"type":"GLOBAL","global":{}}""", out var line).WriteTo(lines, 0);

        Assert.Equal(
            """{"type":"STATE","state":{"type":"GLOBAL","global":{},"destinationStats":{"recordCount":0}}}""" + "\n",
            Encoding.UTF8.GetString(output.ToArray()));
        Assert.NotEmpty(line);
    }

    private static StateEcho Echo(string state) => Echo(state, out _);

    private static StateEcho Echo(string state, out byte[] line)
    {
        var text = $$"""{"type":"STATE","state":{{state}}}""";
        line = Encoding.UTF8.GetBytes(text);
        return Parse(line);
    }

    private static StateEcho Parse(byte[] line)
    {
        var message = InputMessage.Parse(line);
        return new StateEcho(line, message.State);
    }

    private static string Write(string line, long recordCount)
    {
        var output = new MemoryStream();
        using (var lines = new JsonLineWriter(output))
        {
            Parse(Encoding.UTF8.GetBytes(line)).WriteTo(lines, recordCount);
        }
        return Encoding.UTF8.GetString(output.ToArray());
    }

    private static int Count(string text, string word) => text.Split(word).Length - 1;
}
