using Connectors.Runtime.Commands;
using Xunit;

namespace Connectors.Runtime.Tests.Commands;

/// <summary>Parsing one line of <c>serve</c> input into a command envelope, and what a malformed one says.</summary>
public sealed class CommandEnvelopeTests
{
    [Fact]
    public void An_envelope_has_an_id_an_action_a_payload_and_a_target()
    {
        Assert.True(CommandEnvelope.TryParse("""{"id":"c-1","action":"A.B","payload":{"x":1},"targetId":"t-1","createdAt":"ignored"}""",
            out var envelope, out var id, out var problem));

        Assert.Null(problem);
        Assert.Equal("c-1", id);
        Assert.Equal(("c-1", "A.B", "t-1"), (envelope!.Id, envelope.Action, envelope.TargetId));
        Assert.Equal("""{"x":1}""", envelope.Payload.GetRawText());
    }

    [Theory]
    [InlineData("""{"id":"c","action":"A"}""")]
    [InlineData("""{"id":"c","action":"A","payload":null}""")]
    public void A_missing_or_null_payload_is_an_empty_object(string line)
    {
        Assert.True(CommandEnvelope.TryParse(line, out var envelope, out _, out _));

        Assert.Equal("{}", envelope!.Payload.GetRawText());
    }

    [Theory]
    [InlineData("""{"id":"c-2","action":"A","payload":{"x":}""", "c-2")]
    [InlineData("""{"action":"A","id":"c-3",""", "c-3")]
    [InlineData("""{"payload":{"id":"inner"},"oops""", null)]
    [InlineData("""{"action":"A" "id":"c-4"}""", null)]
    [InlineData("""garbage""", null)]
    public void A_line_that_is_not_JSON_yields_the_top_level_id_when_it_comes_before_the_error(string line, string? expected)
    {
        Assert.False(CommandEnvelope.TryParse(line, out var envelope, out var id, out var problem));

        Assert.Null(envelope);
        Assert.Equal(expected, id);
        Assert.StartsWith("The command is not valid JSON: ", problem);
        Assert.Matches(@"\(line 1, byte \d+\)$", problem);
    }

    [Theory]
    [InlineData("""[]""", null, "The command must be a JSON object, got an array.")]
    [InlineData(""" "text" """, null, "The command must be a JSON object, got a string.")]
    [InlineData("""{"action":"A"}""", null, "The command is invalid: $.id: required")]
    [InlineData("""{"id":null,"action":"A"}""", null, "The command is invalid: $.id: required")]
    [InlineData("""{"id":5,"action":"A"}""", null, "The command is invalid: $.id: expected a string, got 5")]
    [InlineData("""{"id":"c"}""", "c", "The command is invalid: $.action: required")]
    [InlineData("""{"id":"c","action":""}""", "c", "The command is invalid: $.action: must not be empty")]
    [InlineData("""{"id":"c","action":["A"]}""", "c", "The command is invalid: $.action: expected a string, got an array")]
    [InlineData("""{"id":"c","action":"A","payload":"x"}""", "c", "The command is invalid: $.payload: expected an object, got \"x\"")]
    [InlineData("""{"id":"c","action":"A","targetId":7}""", "c", "The command is invalid: $.targetId: expected a string, got 7")]
    [InlineData("""{}""", null, "The command is invalid: $.id: required; $.action: required")]
    public void A_malformed_envelope_says_which_field_is_wrong_and_keeps_a_readable_id(string line, string? expected, string message)
    {
        Assert.False(CommandEnvelope.TryParse(line, out _, out var id, out var problem));

        Assert.Equal(expected, id);
        Assert.Equal(message, problem);
    }
}
