using System;
using Connectors.Runtime.Airbyte;
using Connectors.Runtime.Tests.Support;
using Xunit;

namespace Connectors.Runtime.Tests.Units;

/// <summary>Records a connector emits itself (from a command): written as RECORD messages of the named stream.</summary>
public sealed class AirbyteRecordOutputTests
{
    [Fact]
    public void An_emitted_record_is_a_record_message_of_the_stream_it_names()
    {
        var output = new CapturedOutput();
        var records = new AirbyteRecordOutput<TestSource>([TestConnector.Fixed("users"), TestConnector.Fixed("orders")], output.Writer);

        records.Emit("orders", new Row(1, 7));
        records.Emit("users", new Row(2, 8));

        var messages = output.Messages();
        Assert.Equal(2, messages.Count);
        Assert.Equal("orders", messages[0].GetProperty("record").GetProperty("stream").GetString());
        Assert.Equal(7, messages[0].GetProperty("record").GetProperty("data").GetProperty("seq").GetInt64());
        Assert.Equal("users", messages[1].GetProperty("record").GetProperty("stream").GetString());
    }

    [Fact]
    public void Emitting_to_an_unknown_stream_names_the_streams_there_are()
    {
        var output = new CapturedOutput();
        var records = new AirbyteRecordOutput<TestSource>([TestConnector.Fixed("users"), TestConnector.Fixed("orders")], output.Writer);

        var error = Assert.Throws<ArgumentException>(() => records.Emit("order", new Row(1, 7)));

        Assert.Equal("stream", error.ParamName);
        Assert.StartsWith("The connector has no stream 'order'; its streams are: users, orders.", error.Message);
        Assert.Empty(output.Messages());
    }

    [Fact]
    public void Emitting_a_record_of_another_type_names_the_stream_and_the_type()
    {
        var output = new CapturedOutput();
        var records = new AirbyteRecordOutput<TestSource>([TestConnector.Fixed("users")], output.Writer);

        var error = Assert.Throws<ArgumentException>(() => records.Emit("users", "not a row"));

        Assert.Equal("record", error.ParamName);
        Assert.StartsWith("The records of stream 'users' are not of type String.", error.Message);
        Assert.Empty(output.Messages());
    }
}
