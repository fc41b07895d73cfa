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
    public void Declared_fields_pass(string payload) =>
        Assert.Null(new PayloadFields().Unknown(new CustomCommand("A", null, Schema), Parse(payload)));

    [Fact]
    public void Unknown_fields_are_named_with_their_paths_and_the_known_fields_listed()
    {
        var problem = new PayloadFields().Unknown(new CustomCommand("A", null, Schema), Parse("""{"seconds":1,"bogus":2,"x y":3}"""));

        Assert.Equal("$.bogus: unknown field; $['x y']: unknown field. Known fields: seconds, success_exit_codes.", problem);
    }

    [Theory]
    [InlineData("successExitCodes")]
    [InlineData("SuccessExitCodes")]
    [InlineData("secnds")]
    public void A_field_written_another_way_is_unknown_with_the_name_it_means_as_a_hint(string key)
    {
        var expected = key == "secnds" ? "seconds" : "success_exit_codes";

        var problem = new PayloadFields().Unknown(new CustomCommand("A", null, Schema), Parse($$"""{"{{key}}":[0]}"""));

        Assert.Equal($"$.{key}: unknown field (did you mean \"{expected}\"?). Known fields: seconds, success_exit_codes.", problem);
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
    public void A_field_the_object_already_has_is_not_suggested()
    {
        var problem = new PayloadFields().Unknown(new CustomCommand("A", null, Schema), Parse("""{"seconds":1,"second":2}"""));

        Assert.Equal("$.second: unknown field. Known fields: seconds, success_exit_codes.", problem);
    }

    [Fact]
    public void The_generated_field_list_is_known_besides_the_schema_properties()
    {
        var command = new CustomCommand("A", null, Schema, ["seconds", "success_exit_codes", "legacy"]);

        Assert.Null(new PayloadFields().Unknown(command, Parse("""{"seconds":1,"legacy":0}""")));
        Assert.Equal("$.Seconds: unknown field (did you mean \"seconds\"?). Known fields: seconds, success_exit_codes.",
            new PayloadFields().Unknown(command, Parse("""{"Seconds":1}""")));
    }

    private const string Nested = """
        {"type":"object","properties":{
          "target":{"type":"object","properties":{"target_path":{"type":"string"},"host":{"type":["object","null"],
            "properties":{"name":{"type":"string"}},"additionalProperties":false}},"additionalProperties":false},
          "steps":{"type":"array","items":{"type":"object","properties":{"run":{"type":"string"}},"additionalProperties":false}},
          "labels":{"type":"object"},
          "extra":{},
          "empty":{"type":"object","properties":{},"additionalProperties":false}},
         "additionalProperties":false}
        """;

    [Fact]
    public void Unknown_fields_of_nested_objects_are_named_with_their_paths_at_any_depth()
    {
        var payload = Parse("""{"target":{"host":{"name":"h","port":22},"TargetPath":"/b"}}""");

        var problem = new PayloadFields().Unknown(new CustomCommand("A", null, Nested), payload);

        Assert.Equal("$.target.host.port: unknown field; $.target.TargetPath: unknown field (did you mean \"target_path\"?). "
            + "Known fields of $.target.host: name. Known fields of $.target: host, target_path.", problem);
    }

    [Fact]
    public void Objects_in_arrays_are_closed_and_their_known_fields_listed_once()
    {
        var payload = Parse("""{"steps":[{"run":"a"},{"rum":"c"},{"cmd":"d"}]}""");

        var problem = new PayloadFields().Unknown(new CustomCommand("A", null, Nested), payload);

        Assert.Equal("$.steps[1].rum: unknown field (did you mean \"run\"?); $.steps[2].cmd: unknown field. Known fields of $.steps[1]: run.", problem);
    }

    [Fact]
    public void Open_nested_objects_take_any_key_and_a_closed_one_without_properties_takes_none()
    {
        var command = new CustomCommand("A", null, Nested);

        Assert.Null(new PayloadFields().Unknown(command, Parse("""{"labels":{"any":1},"extra":{"x":{"y":1}},"target":{"host":null},"empty":{}}""")));
        Assert.Equal("$.empty.x: unknown field. $.empty takes no fields.", new PayloadFields().Unknown(command, Parse("""{"empty":{"x":1}}""")));
    }

    [Fact]
    public void Values_of_the_wrong_type_are_left_to_binding()
    {
        Assert.Null(new PayloadFields().Unknown(new CustomCommand("A", null, Nested), Parse("""{"target":[{"x":1}],"steps":{"x":1}}""")));
    }

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
