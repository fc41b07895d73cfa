using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading.Tasks;
using Connectors.Runtime.Commands;
using Microsoft.Extensions.Logging;

namespace Connectors.Runtime.Tests.Support;

/// <summary>The connector the in-process command host tests serve: a version, a secret, and a hook told to fail.</summary>
internal sealed class ServedConnector : IDisposable
{
    public int Version { get; set; } = 1;

    public string? ApiKey { get; set; }

    /// <summary>The hook that throws ("OnStart", or "OnConnectorUpdated:7" to throw only while the version is 7).</summary>
    public string? FailHook { get; set; }

    public bool Disposed { get; private set; }

    public void Dispose() => Disposed = true;
}

/// <summary>
/// A hand-built description of <see cref="ServedConnector"/> (no generator): hooks and commands journal what they do,
/// and gates let a test hold a command or a hook where it is until the test opens them.
/// </summary>
internal sealed class ServedConnectorScript
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _gates = new();
    private readonly List<string> _journal = new();
    private readonly List<ServedConnector> _created = new();

    /// <summary>Every instance the description created: the running one first, then each candidate a config was bound into.</summary>
    public IReadOnlyList<ServedConnector> Created
    {
        get
        {
            lock (_created)
            {
                return _created.ToArray();
            }
        }
    }

    /// <summary>What ran, in order: "OnStart RUNNING v1", "wait started g1", "wait cancelled g1"…</summary>
    public IReadOnlyList<string> Journal
    {
        get
        {
            lock (_journal)
            {
                return _journal.ToArray();
            }
        }
    }

    /// <summary>The gate a command or hook waits on: "g1" for <c>Test.Wait {"gate":"g1"}</c>, "hook:OnStart" for a hook.</summary>
    public TaskCompletionSource Gate(string name) =>
        _gates.GetOrAdd(name, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    /// <summary>Opens a gate.</summary>
    public void Open(string name) => Gate(name).TrySetResult();

    /// <summary>Makes a hook wait for its gate ("hook:OnStart") until the test opens it.</summary>
    public void Hold(string hook) => Gate("hook:" + hook);

    public void Add(string entry)
    {
        lock (_journal)
        {
            _journal.Add(entry);
        }
    }

    public ConnectorDescriptor<ServedConnector> Descriptor() => new()
    {
        Name = "served",
        Version = "1.0.0",
        ConfigSchema = "{}",
        Create = () =>
        {
            var connector = new ServedConnector();
            lock (_created)
            {
                _created.Add(connector);
            }
            return connector;
        },
        Streams =
        [
            new SourceStream<ServedConnector, Row>
            {
                Name = "events",
                JsonSchema = TestConnector.RowSchema,
                OpenSync = (_, _) => [],
                WriteRecord = Row.Write,
            },
        ],
        BindConfig = (connector, reader) =>
        {
            var root = reader.Root;
            if (root.TryGetProperty("version", out var version) && reader.ReadInt32(version, "$.version", false, out var number))
            {
                connector.Version = number;
            }
            if (root.TryGetProperty("api_key", out var key) && reader.ReadString(key, "$.api_key", true, out var text))
            {
                connector.ApiKey = text;
            }
            if (root.TryGetProperty("fail_hook", out var hook) && reader.ReadString(hook, "$.fail_hook", false, out var name))
            {
                connector.FailHook = name;
            }
        },
        Commands = new ConnectorCommands<ServedConnector>
        {
            Custom =
            [
                new("Test.Echo", "Returns its text.", "{}"),
                new("Test.Wait", "Waits for a gate.", "{}"),
                new("Test.Config", "The running config and status.", "{}"),
                new("Test.Throw", "Throws.", "{}"),
                new("Test.Block", "Blocks its thread until a gate opens.", "{}"),
                new("Test.Greet", "Logs and returns a greeting; its payload takes only a name.", GreetSchema),
            ],
            Dispatch = DispatchAsync,
            CopyConfig = (source, target) =>
            {
                target.Version = source.Version;
                target.ApiKey = source.ApiKey;
                target.FailHook = source.FailHook;
            },
            Hooks = new LifecycleHooks<ServedConnector>
            {
                OnInitializing = (c, r) => HookAsync(c, r, "OnInitializing"),
                OnInitialized = (c, r) => HookAsync(c, r, "OnInitialized"),
                OnStart = (c, r) => HookAsync(c, r, "OnStart"),
                OnStop = (c, r) => HookAsync(c, r, "OnStop"),
                OnShutdown = (c, r) => HookAsync(c, r, "OnShutdown"),
                OnConnectorUpdated = (c, r) => HookAsync(c, r, "OnConnectorUpdated"),
                ValidateConfig = (c, _) => c.Version switch
                {
                    -13 => new ValueTask<CheckResult>(CheckResult.Failed("-13 is unlucky")),
                    -666 => throw new InvalidOperationException("the validator crashed"),
                    _ => new ValueTask<CheckResult>(CheckResult.Success()),
                },
            },
        },
    };

    /// <summary>A closed payload (as generated for a command with parameters): a field other than <c>name</c> is unknown.</summary>
    private const string GreetSchema = """{"type":"object","properties":{"name":{"type":"string"}},"additionalProperties":false}""";

    private async ValueTask HookAsync(ServedConnector connector, LifecycleRequest request, string hook)
    {
        Add($"{hook} {ConnectorLifecycle<ServedConnector>.Text(request.Status)} v{connector.Version}");
        if (_gates.TryGetValue("hook:" + hook, out var gate))
        {
            await gate.Task;
        }
        if (connector.FailHook == hook || connector.FailHook == $"{hook}:{connector.Version}")
        {
            throw new InvalidOperationException($"{hook} was told to fail (api key {connector.ApiKey})");
        }
    }

    private async ValueTask<CommandResult> DispatchAsync(ServedConnector connector, CommandRequest request)
    {
        var payload = request.Payload.Root;
        switch (request.Action)
        {
            case "Test.Echo":
                var text = payload.TryGetProperty("text", out var value) ? value.GetString() : null;
                if (payload.TryGetProperty("emit_bytes", out var size))
                {
                    // First a record of the events stream that large: one past the stdout writer's 64 KiB buffer is written at once.
                    request.Context.Emit("events", new Row(1, 1, new string('x', size.GetInt32())));
                }
                return CommandResult.Success(json =>
                {
                    json.WriteStartObject();
                    json.WriteString("text", text);
                    json.WriteEndObject();
                });
            case "Test.Wait":
                var name = payload.GetProperty("gate").GetString()!;
                var ignoreCancel = payload.TryGetProperty("ignore_cancel", out var ignore) && ignore.GetBoolean();
                // A command that tidies up after its cancellation: it answers only once this gate opens too.
                var cancelGate = payload.TryGetProperty("cancel_gate", out var tidy) ? tidy.GetString() : null;
                Add("wait started " + name);
                try
                {
                    await (ignoreCancel ? Gate(name).Task : Gate(name).Task.WaitAsync(request.CancellationToken));
                }
                catch (OperationCanceledException)
                {
                    Add("wait cancelled " + name);
                    if (cancelGate is not null)
                    {
                        await Gate(cancelGate).Task;
                    }
                    throw;
                }
                Add("wait ended " + name);
                return CommandResult.FromJson($$"""{"gate":"{{name}}"}""");
            case "Test.Config":
                var version = connector.Version;
                var status = ConnectorLifecycle<ServedConnector>.Text(request.Status);
                return CommandResult.FromJson($$"""{"version":{{version}},"status":"{{status}}"}""");
            case "Test.Throw":
                throw new InvalidOperationException(payload.GetProperty("message").GetString());
            case "Test.Greet":
                var who = payload.TryGetProperty("name", out var named) ? named.GetString() : "nobody";
                request.Logger.LogInformation("Greeting {Name}.", who);
                return CommandResult.FromJson($$"""{"greeting":"hello {{who}}"}""");
            case "Test.Block":
                // A synchronous wait on the calling thread, released by the test (not a timed sleep, which a loaded
                // machine can outlast before the test looks).
                Gate(payload.GetProperty("gate").GetString()!).Task.Wait();
                return CommandResult.Success();
            default:
                return CommandResult.UnknownAction(request.Action);
        }
    }

    /// <summary>The JSON of a payload object, for <see cref="CommandServerHarness.Send(string, string, object?)"/>.</summary>
    public static string Json(object? value) => JsonSerializer.Serialize(value);
}
