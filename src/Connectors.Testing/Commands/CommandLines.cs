using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Connectors.Runtime.Commands;
using Connectors.Testing.Processes;
using Connectors.Testing.Validation;

namespace Connectors.Testing.Commands;

/// <summary>
/// The lines a command host writes on stdout: responses (<c>{"commandId", "status", "body"}</c>), Airbyte messages
/// (records a command or a poll emits) and report lines (<c>{"report": "HEARTBEAT", "heartbeat": {…}}</c>), read
/// without trusting their shape (docs/commands.md).
/// </summary>
internal static class CommandLines
{
    public const string Start = TetraScienceActions.Start;
    public const string Stop = TetraScienceActions.Stop;
    public const string Shutdown = TetraScienceActions.Shutdown;
    public const string UpdateConfig = TetraScienceActions.UpdateConfig;
    public const string ValidateConfig = TetraScienceActions.ValidateConfig;
    public const string ListCustomCommands = TetraScienceActions.ListCustomCommands;
    public const string SetLogLevel = TetraScienceActions.SetLogLevel;

    /// <summary>An action no connector has (the kit's own prefix).</summary>
    public const string UnknownAction = "Connectors.Testing.NoSuchAction";

    /// <summary>A command envelope, as one line.</summary>
    public static string Envelope(string? id, string action, object? payload = null)
    {
        var envelope = new Dictionary<string, object?>();
        if (id is not null)
        {
            envelope["id"] = id;
        }
        envelope["action"] = action;
        if (payload is not null)
        {
            envelope["payload"] = payload;
        }
        return JsonSerializer.Serialize(envelope);
    }

    /// <summary>A config as a payload object (<c>{"config": {…}}</c>).</summary>
    public static object ConfigPayload(string config) => new Dictionary<string, JsonElement> { ["config"] = JsonDocument.Parse(config).RootElement.Clone() };

    /// <summary>True for a line that is a response: an object with <c>commandId</c> and <c>status</c>.</summary>
    public static bool IsResponse(JsonElement message) =>
        message.ValueKind == JsonValueKind.Object && message.TryGetProperty("commandId", out _) && message.TryGetProperty("status", out _);

    /// <summary>The responses of a run, in order.</summary>
    public static IReadOnlyList<JsonElement> Responses(ProcessRun run) => run.Messages.Where(IsResponse).ToList();

    /// <summary>The responses to the command with <paramref name="id"/> (null: the responses with a null commandId).</summary>
    public static IReadOnlyList<JsonElement> ResponsesTo(ProcessRun run, string? id) => Responses(run).Where(r => IdOf(r) == id).ToList();

    /// <summary>A response's commandId (null when it is null or not a string).</summary>
    public static string? IdOf(JsonElement response) => Message.Text(response, "commandId");

    /// <summary>A response's status.</summary>
    public static string? StatusOf(JsonElement response) => Message.Text(response, "status");

    /// <summary>A response's body.</summary>
    public static JsonElement BodyOf(JsonElement response) => Message.Payload(response, "body");

    /// <summary>A FAILURE's message, or null.</summary>
    public static string? FailureMessage(JsonElement response) => Message.Text(BodyOf(response), "message");

    /// <summary>The index among the stdout lines of the first response to <paramref name="id"/>, or -1.</summary>
    public static int LineOfResponse(IReadOnlyList<string> lines, string id)
    {
        for (var i = 0; i < lines.Count; i++)
        {
            if (IsResponseTo(lines[i], id))
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>True when a stdout line is the response to <paramref name="id"/>.</summary>
    public static bool IsResponseTo(string line, string id)
    {
        try
        {
            var message = ProtocolSchema.Parse(line);
            return IsResponse(message) && IdOf(message) == id;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>
    /// What is wrong with one stdout line of <c>serve</c> or <c>command</c>: null when it is a well-formed response, a
    /// valid Airbyte message or a report line.
    /// </summary>
    public static string? Problem(string line)
    {
        JsonElement message;
        try
        {
            message = ProtocolSchema.Parse(line);
        }
        catch (JsonException ex)
        {
            return "not JSON: " + ex.Message;
        }
        if (message.ValueKind != JsonValueKind.Object)
        {
            return "not a JSON object";
        }
        if (message.TryGetProperty("commandId", out var id))
        {
            return ResponseProblem(message, id);
        }
        if (message.TryGetProperty("report", out var report))
        {
            var kind = report.ValueKind == JsonValueKind.String ? report.GetString()! : "";
            return kind is "HEARTBEAT" or "HEALTH" or "METRICS" or "FILE" && Message.Payload(message, kind.ToLowerInvariant()).ValueKind == JsonValueKind.Object
                ? null
                : $"a report line must be {{\"report\": \"HEARTBEAT|HEALTH|METRICS|FILE\", \"<kind>\": {{…}}}}, got report {report.GetRawText()}";
        }
        var problems = ProtocolSchema.ValidateMessage(line, out _);
        return problems.Count == 0 ? null : "neither a response, a report line nor a valid AirbyteMessage: " + string.Join("; ", problems.Take(3));
    }

    private static string? ResponseProblem(JsonElement response, JsonElement id)
    {
        if (id.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
        {
            return $"commandId must be a string or null, got {id.ValueKind}";
        }
        var status = StatusOf(response);
        if (status is not ("SUCCESS" or "FAILURE"))
        {
            return $"status must be SUCCESS or FAILURE, got {Message.Payload(response, "status").GetRawText()}";
        }
        if (!response.TryGetProperty("body", out _))
        {
            return "a response has a body";
        }
        if (status == "FAILURE" && string.IsNullOrWhiteSpace(FailureMessage(response)))
        {
            return "a FAILURE's body has a message saying why";
        }
        var extra = response.EnumerateObject().Select(p => p.Name).Where(n => n is not ("commandId" or "status" or "body")).ToList();
        return extra.Count == 0 ? null : "a response has only commandId, status and body; it also has " + string.Join(", ", extra);
    }
}
