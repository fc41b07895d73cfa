using System;
using System.Linq;
using System.Text;
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
    [InlineData("""[]""", null, "The command is invalid: $: expected an object, got an array")]
    [InlineData(""" "text" """, null, "The command is invalid: $: expected an object, got \"text\"")]
    [InlineData("""{"id":5,"action":"A"}""", null, "The command is invalid: $.id: expected a string, got 5")]
    [InlineData("""{"id":"c"}""", "c", "The command is invalid: $.action: required")]
    [InlineData("""{"id":"c","action":""}""", "c", "The command is invalid: $.action: must not be empty")]
    [InlineData("""{"id":"c","action":["A"]}""", "c", "The command is invalid: $.action: expected a string, got an array")]
    [InlineData("""{"id":"c","action":"A","payload":"x"}""", "c", "The command is invalid: $.payload: expected an object, got \"x\"")]
    [InlineData("""{"id":"c","action":"A","targetId":7}""", "c", "The command is invalid: $.targetId: expected a string, got 7")]
    [InlineData("""{}""", null, "The command is invalid: $.action: required")]
    public void A_malformed_envelope_says_which_field_is_wrong_and_keeps_a_readable_id(string line, string? expected, string message)
    {
        Assert.False(CommandEnvelope.TryParse(line, out _, out var id, out var problem));

        Assert.Equal(expected, id);
        Assert.Equal(message, problem);
    }

    [Theory]
    [InlineData("""{"action":"A","payload":{"level":"DEBUG"},"targetId":"t"}""")]
    [InlineData("""{"id":null,"action":"A"}""")]
    public void An_envelope_without_an_id_is_a_command_whose_id_is_null(string line)
    {
        // TetraScience's examples send command requests without an id: they run, and are answered with "commandId": null.
        Assert.True(CommandEnvelope.TryParse(line, out var envelope, out var id, out var problem), problem);

        Assert.Null(id);
        Assert.Null(envelope!.Id);
        Assert.Equal("A", envelope.Action);
    }

    [Fact]
    public void Invalid_UTF8_is_refused_naming_its_byte_offset_and_an_id_before_it_is_kept()
    {
        var line = Encoding.UTF8.GetBytes("""{"id":"c-9","action":"PutFile","payload":{"content":"ab""").Concat(new byte[] { 0xC3, 0x28 })
            .Concat(Encoding.UTF8.GetBytes("\"}}")).ToArray();

        Assert.False(CommandEnvelope.TryParse(line, out var envelope, out var id, out var problem));

        Assert.Null(envelope);
        Assert.Equal("c-9", id);
        Assert.Equal($"The command is not valid UTF-8: the byte 0xC3 at byte offset {line.AsSpan().IndexOf((byte)0xC3)} does not begin a valid sequence.", problem);
    }

    [Theory]
    [InlineData(new byte[] { 0xFF }, 0)]
    [InlineData(new byte[] { (byte)'a', 0xE2, 0x82 }, 1)]
    [InlineData(new byte[] { (byte)'a', (byte)'b', 0xED, 0xA0, 0x80 }, 2)]
    [InlineData(new byte[] { 0xC0, 0xAF }, 0)]
    [InlineData(new byte[] { (byte)'x', 0xC3, 0xA9, 0x80 }, 3)]
    public void The_offset_is_that_of_the_first_byte_that_does_not_begin_a_valid_sequence(byte[] bytes, int offset)
    {
        Assert.Equal(offset, CommandEnvelope.InvalidUtf8Offset(bytes));
    }

    [Fact]
    public void Valid_UTF8_has_no_invalid_offset()
    {
        Assert.Null(CommandEnvelope.InvalidUtf8Offset(Encoding.UTF8.GetBytes("plain ascii, ünïcödé, 😀 and 中文")));
        Assert.Null(CommandEnvelope.InvalidUtf8Offset([]));
    }

    [Fact]
    public void An_id_that_runs_into_invalid_UTF8_is_not_returned_altered()
    {
        var line = Encoding.UTF8.GetBytes("""{"id":"c-""").Concat(new byte[] { 0xFF }).Concat(Encoding.UTF8.GetBytes("\",\"action\":\"A\"}")).ToArray();

        Assert.False(CommandEnvelope.TryParse(line, out _, out var id, out var problem));

        Assert.Null(id);
        Assert.Contains("at byte offset 9 ", problem);
    }

    [Fact]
    public void A_byte_order_mark_before_the_object_is_skipped()
    {
        var line = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("""{"id":"c","action":"A"}""")).ToArray();

        Assert.True(CommandEnvelope.TryParse(line, out var envelope, out _, out _));

        Assert.Equal("c", envelope!.Id);
    }

    [Fact]
    public void The_payload_may_nest_as_deep_as_the_limit_the_envelope_around_it_does_not_count()
    {
        var payload = Nested(CommandEnvelope.MaxPayloadDepth);

        Assert.True(CommandEnvelope.TryParse($$"""{"id":"c","action":"A","payload":{{payload}}}""", out var envelope, out _, out var problem), problem);

        Assert.Equal(payload, envelope!.Payload.GetRawText());
    }

    [Fact]
    public void A_payload_nested_deeper_than_the_limit_is_refused_naming_its_path()
    {
        Assert.False(CommandEnvelope.TryParse($$"""{"id":"c-5","action":"A","payload":{{Nested(CommandEnvelope.MaxPayloadDepth + 1)}}}""",
            out _, out var id, out var problem));

        Assert.Equal("c-5", id);
        Assert.Equal($"The command is invalid: $.payload: nests deeper than {CommandEnvelope.MaxPayloadDepth} levels.", problem);
    }

    [Theory]
    [InlineData("""{"id":"c","action":"A"} x""")]
    [InlineData("""{"id":"c","action":"A"}{}""")]
    public void Anything_after_the_object_is_refused(string line)
    {
        Assert.False(CommandEnvelope.TryParse(line, out _, out var id, out var problem));

        Assert.Equal("c", id);
        Assert.StartsWith("The command is not valid JSON: ", problem);
    }

    [Fact]
    public void The_id_is_read_from_the_start_of_a_line_cut_short()
    {
        Assert.Equal("big-1", CommandEnvelope.ScanId(Encoding.UTF8.GetBytes("""{"id":"big-1","action":"A","payload":{"data":"xxxxxxxx""")));
        Assert.Null(CommandEnvelope.ScanId(Encoding.UTF8.GetBytes("""{"action":"A","payload":{"id":"inner","data":"xxx""")));
        Assert.Null(CommandEnvelope.ScanId(Encoding.UTF8.GetBytes("""{"id":"cut-""")));
    }

    /// <summary>An object nested <paramref name="depth"/> levels deep: {"a":{"a":…{}}}.</summary>
    private static string Nested(int depth) =>
        string.Concat(Enumerable.Repeat("{\"a\":", depth - 1)) + "{}" + new string('}', depth - 1);
}
