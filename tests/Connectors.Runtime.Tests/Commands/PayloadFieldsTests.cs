using System.Text.Json;
using Connectors.Runtime.Commands;
using Xunit;

namespace Connectors.Runtime.Tests.Commands;

public sealed class PayloadFieldsTests
{
    private const string Schema = """
        {"type":"object","required":["seconds"],"properties":{"seconds":{"type":"number"},"success_exit_codes":{"type":"array"}},"additionalProperties":true}
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
    public void A_command_without_payload_parameters_takes_any_payload()
    {
        const string none = """{"type":"object","properties":{},"additionalProperties":true}""";

        Assert.Null(new PayloadFields().Unknown(new CustomCommand("A", null, none), Parse("""{"anything":1}""")));
    }

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
