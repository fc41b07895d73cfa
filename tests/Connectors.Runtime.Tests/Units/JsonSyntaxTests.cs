using System.Text;
using System.Text.Json;
using Connectors.Runtime.Json;
using Xunit;

namespace Connectors.Runtime.Tests.Units;

/// <summary>
/// JSON that does not parse is described by what is wrong and where — the JSON path, the line and byte counted from 1 —
/// never with .NET's advice to "change the reader options".
/// </summary>
public sealed class JsonSyntaxTests
{
    private static readonly JsonReaderOptions Options = new() { MaxDepth = 64 };

    [Theory]
    [InlineData("{\"count\": 5,}", "a comma after the last property of an object (JSON allows no trailing comma) at $.count (line 1, byte 13)")]
    [InlineData("{\"tags\": [1, 2,]}", "a comma after the last item of an array (JSON allows no trailing comma) at $.tags[1] (line 1, byte 16)")]
    [InlineData("", "there is no JSON value: the input is empty at $ (line 1, byte 1)")]
    [InlineData("// settings\n{}", "a comment (JSON allows none) at $ (line 1, byte 1)")]
    [InlineData("{\"a\": 1} // why\n", "a comment (JSON allows none) at $ (line 1, byte 10)")]
    [InlineData("{\"a\": 1}\n{\"b\": 2}", "'{' after the end of the JSON value (the input holds one value) at $ (line 2, byte 1)")]
    [InlineData("{\"a\" 1}", "expected ':' after the property name, found '1' at $ (line 1, byte 6)")]
    [InlineData("{count: 1}", "expected a property name in double quotes, found 'c' at $ (line 1, byte 2)")]
    [InlineData("{\"a\": 1,, \"b\": 2}", "an extra comma where a property name was expected at $.a (line 1, byte 9)")]
    [InlineData("{\"a\": 1\n \"b\": 2}", "expected ',' or '}' after a value, found '\"' (a missing comma?) at $.a (line 2, byte 2)")]
    [InlineData("[1 2]", "expected ',' or ']' after a value, found '2' (a missing comma?) at $[0] (line 1, byte 4)")]
    [InlineData("{\"a\": 1 'x'}", "expected ',' or '}' after a value, found ''' (a missing comma?) at $.a (line 1, byte 9)")]
    [InlineData("{\"a\": 'x'}", "a single quote (JSON strings take double quotes) at $.a (line 1, byte 7)")]
    [InlineData("{\"a\": NaN}", "expected a value (a string, number, object, array, true, false or null), found 'N' at $.a (line 1, byte 7)")]
    [InlineData("{\"a\": tru}", "expected true, found 'tru}' at $.a (line 1, byte 10)")]
    [InlineData("{\"a\": [1, 2}", "'}' where ']' should close the open array at $.a (line 1, byte 12)")]
    [InlineData("{\"a\": 1]}", "']' where '}' should close the open object at $ (line 1, byte 8)")]
    [InlineData("{\"a\": 01}", "a number with a leading zero at $.a (line 1, byte 8)")]
    [InlineData("{\"a\": \"x\ty\"}", "an unescaped control character (0x09) in a string at $.a (line 1, byte 9)")]
    [InlineData("{\"a\": \"\\q\"}", "an invalid escape '\\q' in a string at $.a (line 1, byte 9)")]
    [InlineData("{\"a\": \"\\u12\"}", "an invalid \\u escape in a string (it takes four hex digits) at $.a (line 1, byte 12)")]
    [InlineData("{\"streams\": [{\"stream\": {\"name\": \"users\"", "the JSON ends before the object at $.streams[0].stream is closed with '}' (line 1, byte 41)")]
    [InlineData("{\"a\": [1,\n  2", "the JSON ends before the array at $.a is closed with ']' (line 2, byte 4)")]
    [InlineData("{\"a\": \"unterminated", "the JSON ends inside a string at $.a (line 1, byte 20)")]
    [InlineData("{\"a\": 1.}", "'}' is invalid within a number, immediately after a decimal point ('.'). Expected a digit ('0'-'9') at $.a (line 1, byte 9)")]
    public void A_syntax_error_says_what_is_wrong_and_where(string json, string expected)
    {
        var bytes = Encoding.UTF8.GetBytes(json);

        var description = JsonSyntax.Describe(bytes, Error(bytes), Options);

        Assert.Equal(expected, description);
    }

    [Fact]
    public void Nesting_deeper_than_the_limit_names_the_limit()
    {
        var bytes = Encoding.UTF8.GetBytes(new string('[', 65) + new string(']', 65));

        Assert.StartsWith("objects and arrays nested more than 64 deep at $[0][0]", JsonSyntax.Describe(bytes, Error(bytes), Options));
    }

    [Fact]
    public void A_line_gets_its_byte_alone()
    {
        var bytes = Encoding.UTF8.GetBytes("{\"type\":\"RECORD\",\"record\":{\"stream\":\"users\",\"data\":{\"id\":1,}}}");

        Assert.Equal("a comma after the last property of an object (JSON allows no trailing comma) at $.record.data.id (byte 60)",
            JsonSyntax.Describe(bytes, Error(bytes), Options, singleLine: true));
    }

    [Fact]
    public void Without_the_text_the_problem_and_the_position_are_still_rephrased()
    {
        var bytes = Encoding.UTF8.GetBytes("[1,]");

        Assert.Equal("a comma after the last item of an array (JSON allows no trailing comma) (line 1, byte 4)", JsonSyntax.Describe(Error(bytes)));
    }

    [Fact]
    public void A_message_of_our_own_is_kept() =>
        Assert.Equal("The line is not a JSON object.", JsonSyntax.Describe([], new JsonException("The line is not a JSON object."), Options));

    private static JsonException Error(byte[] bytes)
    {
        try
        {
            var reader = new Utf8JsonReader(bytes, Options);
            while (reader.Read())
            {
            }
        }
        catch (JsonException ex)
        {
            return ex;
        }
        throw new Xunit.Sdk.XunitException("the JSON parsed");
    }
}
