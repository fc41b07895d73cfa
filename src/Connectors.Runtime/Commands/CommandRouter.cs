using System;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Connectors.Runtime.Hosting;
using Connectors.Runtime.Logging;
using Microsoft.Extensions.Logging;

namespace Connectors.Runtime.Commands;

/// <summary>
/// Runs one command: a built-in lifecycle action, or a custom command through the generated dispatch. Whatever goes
/// wrong becomes a FAILURE whose message says what and where; nothing escapes, so the host keeps serving.
/// </summary>
internal sealed class CommandRouter<TConnector> where TConnector : class
{
    private readonly ConnectorLifecycle<TConnector> _lifecycle;
    private readonly HostContext<TConnector> _host;
    private readonly StructuredLogger _logger;
    private readonly PayloadFields _payloadFields = new();

    public CommandRouter(ConnectorLifecycle<TConnector> lifecycle, HostContext<TConnector> host, StructuredLogger logger)
    {
        _lifecycle = lifecycle;
        _host = host;
        _logger = logger;
    }

    /// <summary>Runs a command; <paramref name="ticket"/>, when given, can cancel it (its token reaches a custom command).</summary>
    public async Task<CommandResult> RunAsync(string? commandId, string action, JsonElement payload, CommandTicket? ticket = null)
    {
        // Templates below name "action" as the logger's field does, so extra holds it once.
        var log = _logger.Child("commands", [new("commandId", commandId), new("action", action)]);
        log.LogDebug("Running {action}.", action);
        try
        {
            var result = action switch
            {
                TetraScienceActions.Start => await _lifecycle.StartAsync().ConfigureAwait(false),
                TetraScienceActions.Stop => await _lifecycle.StopAsync().ConfigureAwait(false),
                TetraScienceActions.Shutdown => await _lifecycle.ShutdownAsync().ConfigureAwait(false),
                TetraScienceActions.UpdateConfig => await _lifecycle.UpdateConfigAsync(payload).ConfigureAwait(false),
                TetraScienceActions.ValidateConfig => await _lifecycle.ValidateConfigAsync(payload).ConfigureAwait(false),
                TetraScienceActions.ListCustomCommands => ListCustomCommands(),
                TetraScienceActions.SetLogLevel => SetLogLevel(payload),
                _ => await RunCustomAsync(commandId, action, payload, ticket?.Cancellation ?? CancellationToken.None).ConfigureAwait(false),
            };
            if (result.Succeeded)
            {
                log.LogDebug("{action} succeeded.", action);
            }
            else
            {
                log.LogWarning("{action} failed: {Problem}", action, result.Message);
            }
            return result;
        }
        catch (OperationCanceledException) when (ticket?.CancelReason is { } reason)
        {
            log.LogWarning("{action} was cancelled: {Reason}.", action, reason);
            return CommandResult.Failure($"'{action}' was cancelled: {reason}.");
        }
        catch (OperationCanceledException) when (_lifecycle.ShutdownToken.IsCancellationRequested)
        {
            log.LogWarning("{action} was cancelled by the shutdown.", action);
            return CommandResult.Failure($"'{action}' was cancelled: the connector is shutting down.");
        }
        catch (LifecycleHookException ex)
        {
            log.LogError(ex.InnerException, "{action} failed: {Problem}", action, ex.Message);
            return CommandResult.Failure(ex.Message);
        }
        catch (Exception ex) when (ex is not Protocol.OutputClosedException)
        {
            log.LogError(ex, "{action} failed: {Problem}", action, ex.Message);
            return CommandResult.Failure($"'{action}' failed: {ex.Message}");
        }
    }

    private async Task<CommandResult> RunCustomAsync(string? commandId, string action, JsonElement payload, CancellationToken cancellation)
    {
        var commands = _lifecycle.Commands;
        if (commands.Dispatch is not { } dispatch || !commands.Custom.Any(c => c.Action == action))
        {
            var known = TetraScienceActions.All.Concat(commands.Custom.Select(c => c.Action));
            return CommandResult.Failure($"Unknown action '{action}'. This connector answers: {string.Join(", ", known)}.");
        }
        var reader = new ConfigReader(payload);
        if (!reader.ExpectObject(payload, "$"))
        {
            return CommandResult.Failure($"The payload of '{action}' is invalid: {string.Join("; ", reader.Errors)}");
        }
        if (_payloadFields.Unknown(commands.Custom.First(c => c.Action == action), payload) is { } unknown)
        {
            return CommandResult.Failure($"The payload of '{action}' is invalid: {unknown}");
        }
        var logger = _logger.Child(action.Substring(action.LastIndexOf('.') + 1), [new("commandId", commandId), new("action", action)]);
        using var token = CancellationTokenSource.CreateLinkedTokenSource(_lifecycle.ShutdownToken, cancellation);
        var request = new CommandRequest(action, reader, _lifecycle.Status, _lifecycle.Context, logger, token.Token);
        return await dispatch(_lifecycle.Connector, request).ConfigureAwait(false);
    }

    private CommandResult ListCustomCommands()
    {
        var commands = _lifecycle.Commands.Custom;
        return CommandResult.Success(json =>
        {
            json.WriteStartObject();
            json.WriteStartArray("commands");
            foreach (var command in commands)
            {
                json.WriteStartObject();
                json.WriteString("action", command.Action);
                json.WriteString("description", command.Description);
                json.WritePropertyName("payloadSchema");
                Json.SchemaText.Write(json, command.PayloadSchema);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        });
    }

    private CommandResult SetLogLevel(JsonElement payload)
    {
        var reader = new ConfigReader(payload);
        var level = LogLevel.None;
        if (reader.ExpectObject(payload, "$"))
        {
            if (!payload.TryGetProperty("level", out var value))
            {
                reader.Required("$.level");
            }
            else if (reader.ReadString(value, "$.level", false, out var name) && !LogLevelNames.TryParse(name, out level))
            {
                reader.NotOneOf(value, "$.level", false, [.. LogLevelNames.Settable]);
            }
        }
        if (reader.Errors.Count > 0)
        {
            return CommandResult.Failure($"The payload of '{TetraScienceActions.SetLogLevel}' is invalid: {string.Join("; ", reader.Errors)}");
        }
        _host.LogLevel.Minimum = level;
        var setting = LogLevelNames.ToSetting(level);
        _logger.LogInformation("The log level is {Level}.", setting);
        return CommandResult.Success(json =>
        {
            json.WriteStartObject();
            json.WriteString("level", setting);
            json.WriteEndObject();
        });
    }
}
