using System;
using System.Linq;
using System.Text;
using System.Text.Json;
using Connectors.Runtime.Airbyte;
using Xunit;

namespace Connectors.Runtime.Tests.Destinations;

/// <summary>
/// The <c>write</c> command tokenizes each input line once: its line parser lists the top-level properties of a RECORD's
/// data on the pass that validates the line, and a destination's <see cref="RecordFieldReader"/> takes the columns from
/// that list. What the reader gives must be exactly what it gives for the same data bytes read on their own.
/// </summary>
public sealed class ParsedRecordFieldsTests
{
    private static readonly string Huge = new('x', 3_000_000);

    public static TheoryData<string> Data => new()
    {
        """{"id":1,"name":"ann","score":2.5,"active":true,"gone":null}""",
        """{"name":"bob","id":2}""",
        """{"id":3,"address":{"city":"Oslo","lines":["a",{"b":[1,2,{"id":99}]}]},"tags":["x","y"],"name":"nested"}""",
        """{"n\u0061me":"escaped key","i\u0064":4}""",
        """{"name":"tab\there \"quoted\" \u00e9 \ud83d\ude00","id":5}""",
        """{ "id" : 6 ,	"name" :	"spaces"	}""",
        """{"id":7,"name":"first","name":"last"}""",
        """{"id":"not a number","name":8e2}""",
        """{}""",
        "{\"id\":9,\"name\":\"" + Huge + "\"}",
        """{"ünïcödé":"ß","id":10}""",
    };

    [Theory]
    [MemberData(nameof(Data))]
    public void A_parsed_record_reads_the_same_as_its_data_read_alone(string data)
    {
        string[] fields = ["id", "name", "address", "tags", "score", "active", "gone", "ünïcödé", "missing"];
        var line = Encoding.UTF8.GetBytes("""{"type":"RECORD","record":{"stream":"users","data":""" + data + ""","emitted_at":1}}""");
        var batch = Parse(line);
        var parsed = new RecordFieldReader(fields);
        var alone = new RecordFieldReader(fields);

        parsed.Read(batch[0]);
        alone.Read(Encoding.UTF8.GetBytes(data));

        Assert.Equal(Values(alone, fields.Length), Values(parsed, fields.Length));
    }

    [Fact]
    public void Records_of_one_batch_each_keep_their_own_fields_whatever_their_property_order()
    {
        var batch = new RecordBatch();
        var dataFields = new DataFields();
        string[] data = ["""{"a":1,"b":"x"}""", """{"b":"y","a":2,"c":[3]}""", """{"c":{},"a":3}""", """{"b":"z"}"""];
        foreach (var item in data)
        {
            var line = Encoding.UTF8.GetBytes("""{"type":"RECORD","record":{"data":""" + item + ""","stream":"s"}}""");
            var message = InputMessage.Parse(line, dataFields);
            batch.AddParsed(message.Data.Of(line), 1, dataFields.AsSpan());
        }
        var reader = new RecordFieldReader(["a", "b"]);

        var read = batch.Select(record =>
        {
            reader.Read(record);
            return Text(reader.Raw(0)) + "|" + Text(reader.Raw(1));
        });

        Assert.Equal(["1|\"x\"", "2|\"y\"", "3|", "|\"z\""], read);
    }

    [Fact]
    public void The_reader_takes_the_parsers_list_and_does_not_tokenize_the_record_again()
    {
        // Bytes no JSON reader accepts, with a listing of one property: the reader's values can only come from the list.
        var data = "{\"id\":42,#"u8.ToArray();
        var batch = new RecordBatch();
        batch.AddParsed(data, 1, [new DataField(2, 2, 6, 2, JsonValueKind.Number, false, false)]);
        var reader = new RecordFieldReader(["id"]);

        reader.Read(batch[0]);

        Assert.True(reader.TryGetInt64(0, out var id));
        Assert.Equal(42, id);
        Assert.ThrowsAny<JsonException>(() => new RecordFieldReader(["id"]).Read(data.AsMemory()));
    }

    [Fact]
    public void A_record_added_without_a_list_is_tokenized_by_the_reader()
    {
        var batch = RecordBatch.Of(1, """{"id":7}""");
        var reader = new RecordFieldReader(["id"]);

        reader.Read(batch[0]);

        Assert.Equal("7", Text(reader.Raw(0)));
    }

    [Fact]
    public void Cleared_batches_list_the_properties_of_their_new_records_only()
    {
        var batch = new RecordBatch();
        var dataFields = new DataFields();
        var reader = new RecordFieldReader(["a", "b"]);
        var wide = "{" + string.Join(",", Enumerable.Range(0, 5000).Select(i => $"\"p{i}\":{i}")) + ",\"a\":\"wide\"}";
        foreach (var data in new[] { wide, """{"b":2}""" })
        {
            batch.Clear();
            var line = Encoding.UTF8.GetBytes("""{"type":"RECORD","record":{"stream":"s","data":""" + data + "}}");
            batch.AddParsed(InputMessage.Parse(line, dataFields).Data.Of(line), 1, dataFields.AsSpan());
        }

        reader.Read(batch[0]);

        Assert.Single(batch);
        Assert.Equal((JsonValueKind.Undefined, "2"), (reader.Kind(0), Text(reader.Raw(1))));
    }

    private static RecordBatch Parse(byte[] line)
    {
        var dataFields = new DataFields();
        var message = InputMessage.Parse(line, dataFields);
        Assert.Equal(InputKind.Record, message.Kind);
        var batch = new RecordBatch();
        batch.AddParsed(message.Data.Of(line), message.EmittedAt ?? 0, dataFields.AsSpan());
        return batch;
    }

    /// <summary>Each field's kind, raw JSON, and (for strings) unescaped text.</summary>
    private static string[] Values(RecordFieldReader reader, int count) => Enumerable.Range(0, count)
        .Select(i => $"{reader.Kind(i)} {Text(reader.Raw(i))} {(reader.Kind(i) == JsonValueKind.String ? reader.GetString(i) : "")}")
        .ToArray();

    private static string Text(ReadOnlySpan<byte> bytes) => Encoding.UTF8.GetString(bytes);
}
