using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Pipes;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Connectors.Runtime;
using Connectors.Runtime.Hosting;
using Microsoft.Win32.SafeHandles;

namespace Broken;

/// <summary>
/// Runs a reference connector in-process through the runtime, with its stdout (and for destinations its stdin) passing
/// through a filter that breaks exactly one rule of the protocol, the way a connector with that bug would.
/// </summary>
internal static class BrokenHost
{
    public static async Task<int> RunAsync<TConnector>(string[] args) where TConnector : class, IConnector<TConnector>
    {
        var command = args.FirstOrDefault() ?? "";
        args = RewriteArguments(command, args);
        var realStdout = new FileStream(new SafeFileHandle(1, ownsHandle: false), FileAccess.Write, bufferSize: 0);
        var stderr = Console.Error;
        Console.SetOut(stderr);
        BeforeRun(command, args, realStdout);

        using var output = new AnonymousPipeServerStream(PipeDirection.In);
        var runtimeStdout = new AnonymousPipeClientStream(PipeDirection.Out, output.ClientSafePipeHandle);
        var stdin = Console.OpenStandardInput();
        if (BrokenCase.Is("garbage-input-ignored"))
        {
            stdin = FilteredStdin(stdin);
        }
        else if (BrokenCommands.FiltersStdin)
        {
            stdin = BrokenCommands.Stdin(stdin);
        }
        var exitCode = new int[1];
        var filter = Task.Run(() => Filter(command, output, realStdout, exitCode));

        using var stop = new CancellationTokenSource();
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal =>
        {
            signal.Cancel = true;
            if (BrokenCase.Is("sigterm-exits-0"))
            {
                Environment.Exit(0);
            }
            stop.Cancel();
        });
        var code = await ConnectorHost.RunAsync(TConnector.Descriptor, args, new HostIO(runtimeStdout, stderr, stdin), stop.Token);
        runtimeStdout.Dispose();
        await filter;
        return BrokenCommands.ExitCode(command, exitCode[0] != 0 ? exitCode[0] : code);
    }

    private static string[] RewriteArguments(string command, string[] args)
    {
        var state = Array.IndexOf(args, "--state");
        if (command != "read" || state < 0 || state + 1 >= args.Length)
        {
            return args;
        }
        var file = args[state + 1];
        var ignore = BrokenCase.Breakage switch
        {
            "garbage-state-ignored" => !IsJson(File.ReadAllText(file)),
            "incremental-ignores-state" => IsWellFormedState(File.ReadAllText(file)),
            _ => false,
        };
        return ignore ? args.Where((_, i) => i != state && i != state + 1).ToArray() : args;
    }

    private static void BeforeRun(string command, string[] args, Stream realStdout)
    {
        BrokenCommands.BeforeRun(command);
        var config = Array.IndexOf(args, "--config") is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        if (BrokenCase.Is("check-stack-trace-on-missing-config") && command == "check" && config is not null && !File.Exists(config))
        {
            var log = new JsonObject
            {
                ["type"] = "LOG",
                ["log"] = new JsonObject
                {
                    ["level"] = "ERROR",
                    ["message"] = $"System.IO.FileNotFoundException: Could not find file '{config}'.\n   at Broken.BrokenHost.BeforeRun(String command, String[] args)\n   at Broken.Program.Main(String[] args)",
                },
            };
            realStdout.Write(Encoding.UTF8.GetBytes(log.ToJsonString() + "\n"));
        }
        if (BrokenCase.Is("secret-leaked-to-stderr") && command == "check" && config is not null && File.Exists(config)
            && IsJson(File.ReadAllText(config)) && JsonNode.Parse(File.ReadAllText(config))?["api_key"]?.ToString() is { } key)
        {
            // Past the runtime's masking: straight to file descriptor 2, as native code or a child process would.
            using var fd2 = new FileStream(new SafeFileHandle(2, ownsHandle: false), FileAccess.Write, bufferSize: 0);
            fd2.Write(Encoding.UTF8.GetBytes("Authorization: Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("reference:" + key)) + "\n"));
        }
    }

    private static async Task Filter(string command, Stream output, Stream realStdout, int[] exitCode)
    {
        var mutate = Mutation(command, exitCode);
        using var reader = new StreamReader(output, Encoding.UTF8);
        try
        {
            while (await reader.ReadLineAsync() is { } line)
            {
                Write(realStdout, mutate(line));
            }
            Write(realStdout, mutate(null));
        }
        catch (IOException ex)
        {
            if (BrokenCase.Is("closed-stdout-crashes"))
            {
                Console.Error.WriteLine("Unhandled exception. " + ex.GetType().FullName + ": " + ex.Message);
                Console.Error.WriteLine("   at Broken.BrokenHost.Filter(String command, Stream output, Stream realStdout)");
                Console.Error.Flush();
                Environment.Exit(134);
            }
            // The reader of stdout went away: end quietly, as the runtime does.
            Environment.Exit(141);
        }
    }

    private static void Write(Stream stdout, IEnumerable<string> lines)
    {
        foreach (var line in lines)
        {
            stdout.Write(Encoding.UTF8.GetBytes(line + "\n"));
        }
    }

    /// <summary>The breakage of stdout: each line in, the lines out (null: the end of the output).</summary>
    private static Func<string?, IEnumerable<string>> Mutation(string command, int[] exitCode)
    {
        if (BrokenCommands.Mutation(command) is { } commandHost)
        {
            return commandHost;
        }
        switch (BrokenCase.Breakage)
        {
            case "spec-not-draft07" when command == "spec":
                return Each(line => Edit(line, m => m["spec"]!["connectionSpecification"]!["properties"]!["count"]!["type"] = "int"));
            case "spec-uses-anyOf" when command == "spec":
                return Each(line => Edit(line, m => m["spec"]!["connectionSpecification"]!["properties"]!["count"]!["anyOf"] = new JsonArray(new JsonObject { ["type"] = "integer" })));
            case "spec-secret-not-marked" when command == "spec":
                return Each(line => Edit(line, m => m["spec"]!["connectionSpecification"]!["properties"]!["api_key"]!.AsObject().Remove("airbyte_secret")));
            case "spec-rejects-config" when command == "spec":
                return Each(line => Edit(line, m =>
                {
                    var specification = m["spec"]!["connectionSpecification"]!.AsObject();
                    specification["properties"]!["region"] = new JsonObject { ["type"] = "string" };
                    specification["required"] = new JsonArray("api_key", "region");
                }));
            case "check-crashes-on-bad-config" when command == "check":
                return Each(line =>
                {
                    if (!line.Contains("\"FAILED\""))
                    {
                        return line;
                    }
                    exitCode[0] = 1;
                    return """{"type":"TRACE","trace":{"type":"ERROR","emitted_at":1700000000000,"error":{"message":"Something went wrong.","failure_type":"system_error"}}}""";
                });
            case "discover-duplicate-stream" when command == "discover":
                return Each(line => Edit(line, m =>
                {
                    var streams = m["catalog"]!["streams"]!.AsArray();
                    streams.Add(streams[^1]!.DeepClone());
                }));
            case "discover-schema-uses-not" when command == "discover":
                return Each(line => Edit(line, m => StreamNamed(m, "accounts")["json_schema"]!["properties"]!["name"]!["not"] = new JsonObject { ["type"] = "null" }));
            case "discover-key-not-in-schema" when command == "discover":
                return Each(line => Edit(line, m => StreamNamed(m, "regions")["source_defined_primary_key"] = new JsonArray(new JsonArray("uuid"))));
            case "read-prints-non-protocol-line" when command == "read":
                var said = false;
                return line => line is null ? [] : line.Contains("\"RECORD\"") && !said && (said = true) ? [line, "Reading accounts, page 2…"] : [line];
            case "read-record-violates-schema" when command == "read":
                var records = 0;
                return Each(line => IsRecordOf(line, "accounts") && ++records == 3 ? Edit(line, m => m["record"]!["data"]!["balance"] = "37.50") : line);
            case "read-record-before-running" when command == "read":
                return line => line is not null && line.Contains("\"RUNNING\"") && line.Contains("\"events\"") ? [] : line is null ? [] : [line];
            case "read-wrong-record-count" when command == "read":
                return Each(line => IsStateOf(line, "accounts")
                    ? Edit(line, m => m["state"]!["sourceStats"]!["recordCount"] = m["state"]!["sourceStats"]!["recordCount"]!.GetValue<double>() + 1)
                    : line);
            case "full-refresh-random-values" when command == "read":
                return Each(line => IsRecordOf(line, "accounts") ? Edit(line, m => m["record"]!["data"]!["name"] = "account " + Guid.NewGuid().ToString("N")[..8]) : line);
            case "incremental-state-before-records" when command == "read":
                return new StateAheadOfRecords("accounts", 3).Next;
            default:
                return line => line is null ? [] : [line];
        }
    }

    private static Func<string?, IEnumerable<string>> Each(Func<string, string> change) => line => line is null ? [] : [change(line)];

    private static string Edit(string line, Action<JsonObject> change)
    {
        var message = JsonNode.Parse(line)!.AsObject();
        change(message);
        return message.ToJsonString();
    }

    private static JsonObject StreamNamed(JsonObject message, string name) =>
        message["catalog"]!["streams"]!.AsArray().Select(s => s!.AsObject()).First(s => s["name"]!.ToString() == name);

    internal static bool IsRecordOf(string line, string stream) => line.StartsWith("{\"type\":\"RECORD\"") && line.Contains($"\"stream\":\"{stream}\"");

    internal static bool IsStateOf(string line, string stream) => line.StartsWith("{\"type\":\"STATE\"") && line.Contains($"\"name\":\"{stream}\"");

    private static bool IsJson(string text)
    {
        try
        {
            JsonDocument.Parse(text).Dispose();
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool IsWellFormedState(string text) =>
        IsJson(text) && JsonNode.Parse(text) is JsonArray states && states.All(s => s?["stream"] is JsonObject);

    /// <summary>Stdin without the lines that are not JSON: a destination that skips garbage silently.</summary>
    private static Stream FilteredStdin(Stream stdin)
    {
        var pipe = new AnonymousPipeServerStream(PipeDirection.Out);
        var client = new AnonymousPipeClientStream(PipeDirection.In, pipe.ClientSafePipeHandle);
        _ = Task.Run(async () =>
        {
            using var reader = new StreamReader(stdin, Encoding.UTF8);
            await using (pipe)
            {
                while (await reader.ReadLineAsync() is { } line)
                {
                    if (IsJson(line))
                    {
                        await pipe.WriteAsync(Encoding.UTF8.GetBytes(line + "\n"));
                    }
                }
            }
        });
        return client;
    }
}

/// <summary>
/// Moves the first intermediate STATE of a stream ahead of the last few records it covers (keeping every sourceStats
/// count exact), as a source that checkpoints its first page before emitting it: resuming from that state skips them.
/// </summary>
internal sealed class StateAheadOfRecords(string stream, int ahead)
{
    private readonly Queue<string> _held = new();
    private string? _state;
    private int _sinceState;
    private bool _moved;

    public IEnumerable<string> Next(string? line)
    {
        var output = new List<string>();
        if (_state is not null)
        {
            if (!_moved && line is not null && BrokenHost.IsRecordOf(line, stream))
            {
                // The first intermediate state: it goes out ahead of the held records.
                _moved = true;
                output.Add(Counted(_state, _sinceState - _held.Count));
                _sinceState = _held.Count;
            }
            else
            {
                Flush(output);
                output.Add(Counted(_state, _sinceState));
                _sinceState = 0;
            }
            _state = null;
            Flush(output);
        }
        if (line is null)
        {
            Flush(output);
            return output;
        }
        if (BrokenHost.IsRecordOf(line, stream))
        {
            _held.Enqueue(line);
            _sinceState++;
            if (_held.Count > ahead)
            {
                output.Add(_held.Dequeue());
            }
        }
        else if (BrokenHost.IsStateOf(line, stream))
        {
            _state = line;
        }
        else
        {
            Flush(output);
            output.Add(line);
        }
        return output;
    }

    private void Flush(List<string> output)
    {
        while (_held.Count > 0)
        {
            output.Add(_held.Dequeue());
        }
    }

    private static string Counted(string state, int count)
    {
        var message = JsonNode.Parse(state)!.AsObject();
        message["state"]!["sourceStats"]!["recordCount"] = (double)count;
        return message.ToJsonString();
    }
}
