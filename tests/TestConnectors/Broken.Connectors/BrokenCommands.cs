using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Pipes;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace Broken;

/// <summary>
/// The breakages of the reference command host: how its stdin reaches the runtime (commands dropped, changed or
/// reordered, as a host with that bug would treat them), how its stdout leaves, and its exit code.
/// </summary>
internal static class BrokenCommands
{
    private const string Shutdown = "TetraScience.Connector.Shutdown";
    private static volatile bool _sawShutdown;

    /// <summary>The breakages that change what reaches the runtime on stdin.</summary>
    public static bool FiltersStdin => BrokenCase.Kind == "commands";

    /// <summary>The stdout mutation of a command-host breakage, or null.</summary>
    public static Func<string?, IEnumerable<string>>? Mutation(string command)
    {
        if (command is not ("serve" or "command"))
        {
            return null;
        }
        switch (BrokenCase.Breakage)
        {
            case "serve-answers-twice":
                // SetLogLevel's response, written twice.
                return line => line is null ? [] : line.Contains("\"commandId\"") && line.Contains("\"body\":{\"level\"") ? [line, line] : [line];
            case "serve-prints-plain-text":
                var said = false;
                return line => line is null ? [] : line.Contains("\"commandId\"") && !said && (said = true) ? [line, "Serving commands…"] : [line];
            case "list-commands-bad-schema":
                return line => line is null ? [] : line.Contains("\"commands\":[") ? [BadSchema(line)] : [line];
            case "stop-keeps-running":
                return line => line is null ? [] : [line.Replace("\"operatingStatus\":\"IDLE\"", "\"operatingStatus\":\"RUNNING\"")];
            default:
                return null;
        }
    }

    /// <summary>Writes what a broken host writes to stderr before it starts.</summary>
    public static void BeforeRun(string command)
    {
        if (BrokenCase.Is("serve-plain-text-on-stderr") && command is "serve" or "command")
        {
            Console.Error.WriteLine("Starting the reference command host.");
            Console.Error.Flush();
        }
    }

    /// <summary>The exit code a broken host ends with, given the runtime's.</summary>
    public static int ExitCode(string command, int code) => BrokenCase.Breakage switch
    {
        "one-shot-failure-exits-0" when command == "command" => 0,
        "serve-end-of-input-exits-1" when command == "serve" && code == 0 && !_sawShutdown => 1,
        _ => code,
    };

    /// <summary>Stdin as the broken host passes it on.</summary>
    public static Stream Stdin(Stream stdin)
    {
        var pipe = new AnonymousPipeServerStream(PipeDirection.Out);
        var client = new AnonymousPipeClientStream(PipeDirection.In, pipe.ClientSafePipeHandle);
        _ = Task.Run(async () =>
        {
            using var reader = new StreamReader(stdin, Encoding.UTF8);
            await using (pipe)
            {
                string? held = null;
                var next = reader.ReadLineAsync();
                while (true)
                {
                    if (held is not null && await Task.WhenAny(next, Task.Delay(TimeSpan.FromSeconds(3))) != next)
                    {
                        // Nothing came after Shutdown: it goes on after all.
                        await Write(pipe, held);
                        held = null;
                        continue;
                    }
                    if (await next is not { } line)
                    {
                        break;
                    }
                    next = reader.ReadLineAsync();
                    var changed = Change(line);
                    if (changed is not null && BrokenCase.Is("shutdown-runs-later-commands") && ActionOf(changed) == Shutdown)
                    {
                        held = changed;
                        continue;
                    }
                    if (changed is not null)
                    {
                        await Write(pipe, changed);
                    }
                    if (held is not null)
                    {
                        await Write(pipe, held);
                        held = null;
                    }
                }
                if (held is not null)
                {
                    await Write(pipe, held);
                }
            }
        });
        return client;
    }

    /// <summary>One stdin line as the broken host passes it on; null drops it.</summary>
    private static string? Change(string line)
    {
        var envelope = Parse(line);
        if (envelope?["action"]?.GetValueKind() == JsonValueKind.String && envelope["action"]!.GetValue<string>() == Shutdown)
        {
            _sawShutdown = true;
        }
        switch (BrokenCase.Breakage)
        {
            case "serve-ignores-malformed-lines":
                return envelope?["action"]?.GetValueKind() == JsonValueKind.String ? line : null;
            case "payload-unknown-field-dropped" when (envelope?["payload"]) is JsonObject payload:
                payload.Remove("connectors_testing_unknown_field");
                return envelope.ToJsonString();
            case "payload-nested-unknown-field-dropped" when (envelope?["payload"]) is JsonObject payload:
                // Checks the top level only: an unknown field inside a nested object is dropped.
                foreach (var nested in payload.Select(p => p.Value).OfType<JsonObject>())
                {
                    nested.Remove("connectors_testing_unknown_field");
                }
                return envelope.ToJsonString();
            case "update-config-ignores-payload" when ActionOf(line) == "TetraScience.Connector.UpdateConfig":
            case "validate-config-ignores-payload" when ActionOf(line) == "TetraScience.Connector.ValidateConfig":
                envelope!.Remove("payload");
                return envelope.ToJsonString();
            default:
                return line;
        }
    }

    private static string BadSchema(string line)
    {
        var response = JsonNode.Parse(line)!.AsObject();
        var command = response["body"]!["commands"]!.AsArray()[0]!;
        command["payloadSchema"]!["properties"]!["text"]!["type"] = "str";
        return response.ToJsonString();
    }

    private static string? ActionOf(string line) =>
        Parse(line)?["action"] is JsonValue action && action.GetValueKind() == JsonValueKind.String ? action.GetValue<string>() : null;

    private static JsonObject? Parse(string line)
    {
        try
        {
            return JsonNode.Parse(line) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static async Task Write(Stream pipe, string line)
    {
        await pipe.WriteAsync(Encoding.UTF8.GetBytes(line + "\n"));
        await pipe.FlushAsync();
    }
}
