using System;
using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Connectors.Runtime.Protocol;
using Connectors.Runtime.Secrets;

namespace Connectors.Runtime.Commands;

/// <summary>
/// Writes command responses, <c>{"commandId", "status": "SUCCESS"|"FAILURE", "body"}</c>, one per line on stdout, flushed
/// at once. A FAILURE's body is <c>{"message": …}</c>. Secrets are masked in messages and in every string of a body.
/// </summary>
internal sealed class CommandResponseWriter
{
    private static readonly JsonWriterOptions BodyOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly JsonLineWriter _lines;
    private readonly SecretMasker _masker;

    public CommandResponseWriter(JsonLineWriter lines, SecretMasker masker)
    {
        _lines = lines;
        _masker = masker;
    }

    /// <summary>Writes the response to a command; <paramref name="commandId"/> is null when the command's id could not be read.</summary>
    public void Write(string? commandId, CommandResult result)
    {
        // The body is rendered first: a serializer that throws turns the response into a FAILURE, never half a line.
        byte[] body;
        try
        {
            body = Body(result);
        }
        catch (Exception ex) when (ex is not OutputClosedException)
        {
            result = CommandResult.Failure("The command succeeded, but its result could not be written: " + ex.Message);
            body = Body(result);
        }
        _lines.WriteObject(json =>
        {
            json.WriteString("commandId", commandId);
            json.WriteString("status", result.Succeeded ? "SUCCESS" : "FAILURE");
            json.WritePropertyName("body");
            json.WriteRawValue(body, skipInputValidation: true);
        });
        _lines.Flush();
    }

    private byte[] Body(CommandResult result)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, BodyOptions))
        {
            if (!result.Succeeded)
            {
                json.WriteStartObject();
                json.WriteString("message", _masker.Apply(result.Message ?? "The command failed."));
                json.WriteEndObject();
            }
            else if (result.WriteBody is { } write)
            {
                write(json);
            }
            else
            {
                json.WriteNullValue();
            }
        }
        return MaskedJson.Mask(buffer.WrittenMemory, _masker);
    }
}
