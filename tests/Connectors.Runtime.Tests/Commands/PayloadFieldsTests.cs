using System.Text.Json;
using Connectors.Runtime.Commands;
using Xunit;

namespace Connectors.Runtime.Tests.Commands;

public sealed class PayloadFieldsTests
{
    private const string Schema = """
        {"type":"object","required":["seconds"],"properties":{"seconds":{"type":"number"},"success_exit_codes":{"type":"array"}},"additionalProperties":false}
        """;

    [Theory]
    [InlineData("""{"seconds":1}""")]
    [InlineData("""{"seconds":1,"success_exit_codes":[0]}""")]
    [InlineData("""{"seconds":1,"successExitCodes":[0]}""")]
    public void Declared_fields_in_snake_case_or_camelCase_pass(string payload) =>
        Assert.Null(new PayloadFields().Unknown(new CustomCommand("A", null, Schema), Parse(payload)));

    [Fact]
    public void Unknown_fields_are_named_with_their_paths_and_the_known_fields_listed()
    {
        var problem = new PayloadFields().Unknown(new CustomCommand("A", null, Schema), Parse("""{"seconds":1,"secnds":2,"x y":3}"""));

        Assert.Equal("$.secnds: unknown field; $['x y']: unknown field. Known fields: seconds, success_exit_codes.", problem);
    }

    [Fact]
    public void A_command_without_payload_parameters_refuses_any_field()
    {
        const string none = """{"type":"object","properties":{},"additionalProperties":false}""";

        var problem = new PayloadFields().Unknown(new CustomCommand("A", null, none, []), Parse("""{"anything":1}"""));

        Assert.Equal("$.anything: unknown field. The command takes no payload fields.", problem);
        Assert.Null(new PayloadFields().Unknown(new CustomCommand("A", null, none, []), Parse("{}")));
    }

    [Fact]
    public void An_open_schema_takes_any_payload()
    {
        const string open = """{"type":"object","properties":{},"additionalProperties":true}""";

        Assert.Null(new PayloadFields().Unknown(new CustomCommand("A", null, open, []), Parse("""{"anything":1}""")));
    }

    [Fact]
    public void The_generated_field_list_is_what_is_known_besides_the_schema_properties()
    {
        // A whole-payload record: its binder reads "success_exit_codes" or the property's own name, not a camelCase form.
        var command = new CustomCommand("A", null, Schema, ["seconds", "success_exit_codes", "Seconds", "SuccessExitCodes"]);

        Assert.Null(new PayloadFields().Unknown(command, Parse("""{"Seconds":1,"SuccessExitCodes":[0]}""")));
        Assert.Equal("$.successExitCodes: unknown field. Known fields: seconds, success_exit_codes.",
            new PayloadFields().Unknown(command, Parse("""{"seconds":1,"successExitCodes":[0]}""")));
    }

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
