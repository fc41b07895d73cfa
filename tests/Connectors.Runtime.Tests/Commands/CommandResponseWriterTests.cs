using System;
using System.IO;
using System.Text;
using Connectors.Runtime;
using Connectors.Runtime.Commands;
using Connectors.Runtime.Protocol;
using Connectors.Runtime.Secrets;
using Xunit;

namespace Connectors.Runtime.Tests.Commands;

/// <summary>Command responses on stdout: their shape, masking inside bodies, and a body that cannot be written.</summary>
public sealed class CommandResponseWriterTests
{
    private readonly MemoryStream _stdout = new();
    private readonly SecretMasker _masker = new();

    [Fact]
    public void A_success_is_one_line_with_the_command_id_the_status_and_the_body()
    {
        Writer().Write("c-1", CommandResult.Success(json => json.WriteNumberValue(5)));

        Assert.Equal("""{"commandId":"c-1","status":"SUCCESS","body":5}""" + "\n", Output());
    }

    [Fact]
    public void A_success_without_a_body_has_a_null_body_and_a_failure_has_a_message()
    {
        var writer = Writer();

        writer.Write("c-1", CommandResult.Success());
        writer.Write(null, CommandResult.Failure("no"));

        Assert.Equal("""{"commandId":"c-1","status":"SUCCESS","body":null}""" + "\n"
            + """{"commandId":null,"status":"FAILURE","body":{"message":"no"}}""" + "\n", Output());
    }

    [Fact]
    public void Secrets_are_masked_in_messages_and_in_every_string_value_of_a_body_which_stays_valid_JSON()
    {
        _masker.Add(["se\"cret/1"]);
        var writer = Writer();

        writer.Write("1", CommandResult.Failure("key se\"cret/1 refused"));
        writer.Write("2", CommandResult.Success(json =>
        {
            json.WriteStartObject();
            json.WriteString("name", "x se\"cret/1 y");
            json.WriteStartArray("list");
            json.WriteStringValue("se\"cret/1");
            json.WriteNumberValue(7);
            json.WriteEndArray();
            json.WriteEndObject();
        }));

        Assert.Equal("""{"commandId":"1","status":"FAILURE","body":{"message":"key **** refused"}}""" + "\n"
            + """{"commandId":"2","status":"SUCCESS","body":{"name":"x **** y","list":["****",7]}}""" + "\n", Output());
    }

    [Fact]
    public void Property_names_and_the_envelope_are_never_masked_even_by_a_one_character_secret()
    {
        _masker.Add(["e"]);

        Writer().Write("e", CommandResult.Success(json =>
        {
            json.WriteStartObject();
            json.WriteString("operatingStatus", "e");
            json.WriteString("message", "the key is e");
            json.WriteEndObject();
        }));

        Assert.Equal("""{"commandId":"e","status":"SUCCESS","body":{"operatingStatus":"****","message":"the key is ****"}}""" + "\n", Output());
    }

    [Fact]
    public void A_body_whose_writer_throws_becomes_a_failure_and_no_half_line_is_written()
    {
        Writer().Write("1", CommandResult.Success(json =>
        {
            json.WriteStartObject();
            throw new InvalidOperationException("cannot serialize");
        }));

        Assert.Equal("""{"commandId":"1","status":"FAILURE","body":{"message":"The command succeeded, but its result could not be written: cannot serialize"}}""" + "\n",
            Output());
    }

    [Theory]
    [InlineData("""{"a":[1,"x"]}""", """{"a":[1,"x"]}""")]
    [InlineData("not json", "\"not json\"")]
    [InlineData(null, "null")]
    public void A_string_result_is_written_as_the_JSON_it_holds(string? text, string body)
    {
        Writer().Write("1", CommandResult.FromJson(text));

        Assert.Equal($$"""{"commandId":"1","status":"SUCCESS","body":{{body}}}""" + "\n", Output());
    }

    private CommandResponseWriter Writer() => new(new JsonLineWriter(_stdout), _masker);

    private string Output() => Encoding.UTF8.GetString(_stdout.ToArray());
}
