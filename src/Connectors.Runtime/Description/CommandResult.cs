using System;
using System.Text.Json;

namespace Connectors.Runtime;

/// <summary>
/// The outcome of a command: SUCCESS with an optional body, or FAILURE with a message. Hosts turn it into a response;
/// the body is written only then, straight to the output, by a generated writer (no reflection).
/// </summary>
public sealed class CommandResult
{
    private CommandResult(bool succeeded, string? message, Action<Utf8JsonWriter>? writeBody)
    {
        Succeeded = succeeded;
        Message = message;
        WriteBody = writeBody;
    }

    /// <summary>True for SUCCESS.</summary>
    public bool Succeeded { get; }

    /// <summary>For a FAILURE: what went wrong.</summary>
    public string? Message { get; }

    /// <summary>Writes the body of a SUCCESS, if it has one (a body of null otherwise).</summary>
    internal Action<Utf8JsonWriter>? WriteBody { get; }

    /// <summary>SUCCESS without a body.</summary>
    public static CommandResult Success() => new(true, null, null);

    /// <summary>SUCCESS whose body is <paramref name="value"/>, written by <paramref name="write"/>.</summary>
    public static CommandResult Success<T>(T value, RecordWriter<T> write) => new(true, null, json => write(json, value));

    /// <summary>SUCCESS whose body is written by <paramref name="writeBody"/>.</summary>
    public static CommandResult Success(Action<Utf8JsonWriter> writeBody) => new(true, null, writeBody);

    /// <summary>
    /// SUCCESS whose body is the JSON a command returned as text. Text that is not JSON becomes a JSON string, so the
    /// response stays valid; null becomes a body of null.
    /// </summary>
    public static CommandResult FromJson(string? json)
    {
        if (json is null)
        {
            return Success();
        }
        try
        {
            using var document = JsonDocument.Parse(json);
            var element = document.RootElement.Clone();
            return new CommandResult(true, null, element.WriteTo);
        }
        catch (JsonException)
        {
            return new CommandResult(true, null, writer => writer.WriteStringValue(json));
        }
    }

    /// <summary>FAILURE with a message.</summary>
    public static CommandResult Failure(string message) => new(false, message, null);

    /// <summary>FAILURE listing every problem binding the payload found, each with its JSON path.</summary>
    public static CommandResult InvalidPayload(CommandRequest request) =>
        Failure($"The payload of '{request.Action}' is invalid: {string.Join("; ", request.Payload.Errors)}");

    /// <summary>FAILURE for an action no command handles.</summary>
    public static CommandResult UnknownAction(string action) => Failure($"Unknown action '{action}'.");
}
