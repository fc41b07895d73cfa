using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Connectors.Runtime.Hosting;
using Connectors.Runtime.Json;
using Microsoft.Extensions.Logging;

namespace Connectors.Runtime.Airbyte;

/// <summary>
/// <c>read</c>: binds the config, validates the catalog and state up front, then reads the configured streams in
/// catalog order. A stream that fails does not stop the others; the exit code is 1 if any stream failed or was rejected.
/// </summary>
internal static class ReadCommand
{
    public static async Task<int> RunAsync<TConnector>(AirbyteSession<TConnector> session) where TConnector : class
    {
        var commandLine = session.Context.CommandLine;
        var connector = session.BindConfigOrThrow();
        try
        {
            var catalog = ConfiguredCatalog.Load(commandLine.Option("catalog")!);
            var state = commandLine.Option("state") is { } statePath ? SavedState.Load(statePath) : SavedState.Empty;
            var streams = await session.Descriptor.DiscoverAsync(connector, session.Logger, session.Context.Cancellation).ConfigureAwait(false);
            var plans = Plan(session, streams, catalog, state, out var anyRejected);
            session.Logger.LogInformation("Reading {Count} stream(s): {Streams}.", plans.Count, Names.Join(plans, p => p.Plan.Key.ToString()));

            var reader = new StreamReadSession(session.Writer, session.Logger, session.Context.Cancellation);
            session.Context.OnForcedExit(() =>
            {
                if (reader.Current is { } stream)
                {
                    session.Writer.WriteStreamStatus(stream, StreamStatus.Incomplete);
                }
            });
            var anyFailed = anyRejected;
            foreach (var (stream, plan) in plans)
            {
                if (session.Context.Cancellation.IsCancellationRequested)
                {
                    // Stopped: no further stream starts, even when the last one failed instead of noticing the stop.
                    return session.Context.StopExitCode;
                }
                var outcome = await reader.ReadAsync(stream, connector, plan).ConfigureAwait(false);
                if (outcome == StreamReadOutcome.Cancelled)
                {
                    return session.Context.StopExitCode;
                }
                anyFailed |= outcome == StreamReadOutcome.Failed;
            }
            return anyFailed ? ExitCodes.Failure : ExitCodes.Success;
        }
        finally
        {
            await Disposal.DisposeAsync(connector).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Matches configured streams to the connector's streams. A stream the connector lacks or a sync mode it cannot do is
    /// INCOMPLETE with a TRACE ERROR <c>config_error</c> for that stream (the others still run); a saved cursor that cannot be read
    /// rejects the whole state file.
    /// </summary>
    private static List<(SourceStream<TConnector> Stream, StreamPlan Plan)> Plan<TConnector>(AirbyteSession<TConnector> session,
        IReadOnlyList<SourceStream<TConnector>> streams, ConfiguredCatalog catalog, SavedState state, out bool anyRejected) where TConnector : class
    {
        var plans = new List<(SourceStream<TConnector>, StreamPlan)>();
        var seen = new Dictionary<StreamKey, ConfiguredStream>();
        anyRejected = false;
        foreach (var configured in catalog.Streams)
        {
            var problem = Match(streams, configured, out var stream, out var mode)
                ?? (stream?.Description is not null ? DynamicPlans.Check(stream, configured, mode) : null);
            if (problem is null && seen.TryGetValue(configured.Key, out var first))
            {
                problem = configured.Problem("stream.name", $"stream '{configured.Key}' appears more than once in the catalog (first at {first.JsonPath})");
            }
            seen.TryAdd(configured.Key, configured);
            if (problem is not null)
            {
                // As the Python CDK does: the platform learns the stream did not complete, and why.
                session.Writer.WriteStreamStatus(configured.Key, StreamStatus.Incomplete);
                session.Writer.WriteError(problem, FailureType.ConfigError, stream: configured.Key);
                anyRejected = true;
                continue;
            }
            var key = new StreamKey(stream!.Name, stream.Namespace);
            plans.Add((stream, stream.Description is not null
                ? DynamicPlans.Plan(key, mode, configured, state)
                : new StreamPlan(key, mode, mode == SyncMode.Incremental ? SavedCursor(stream, key, state) : null)));
        }
        return plans;
    }

    private static string? Match<TConnector>(IReadOnlyList<SourceStream<TConnector>> streams, ConfiguredStream configured,
        out SourceStream<TConnector>? stream, out SyncMode mode) where TConnector : class
    {
        stream = null;
        foreach (var candidate in streams)
        {
            if (candidate.Name == configured.Key.Name && (candidate.Namespace == configured.Key.Namespace || configured.Key.Namespace is null))
            {
                stream = candidate;
                break;
            }
        }
        mode = SyncMode.FullRefresh;
        if (stream is null)
        {
            var names = Names.Join(streams, s => new StreamKey(s.Name, s.Namespace).ToString());
            return configured.Problem("stream.name", $"'{configured.Key}' is not a stream of this connector; its streams are: {names}");
        }
        switch (configured.SyncMode)
        {
            case "full_refresh":
                return null;
            case "incremental" when stream.SupportsIncremental:
                mode = SyncMode.Incremental;
                return null;
            case "incremental":
                return configured.Problem("sync_mode", $"stream '{configured.Key}' does not support 'incremental'; it supports: full_refresh");
            default:
                return configured.Problem("sync_mode", $"stream '{configured.Key}' has '{configured.SyncMode}'; expected 'full_refresh' or 'incremental'");
        }
    }

    private static object? SavedCursor<TConnector>(SourceStream<TConnector> stream, StreamKey key, SavedState state) where TConnector : class
    {
        if (!DynamicPlans.TryFind(state, key, out var saved) || saved.Value is not { } value)
        {
            return null;
        }
        if (stream.TryReadSavedState(value, out var since, out var path, out var problem))
        {
            return since;
        }
        throw JsonInput.Problem(state.File, "state", saved.JsonPath + path, problem!);
    }
}
