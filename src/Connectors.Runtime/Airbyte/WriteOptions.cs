using System;
using Connectors.Runtime.Hosting;
using Connectors.Runtime.Json;

namespace Connectors.Runtime.Airbyte;

/// <summary>
/// The options of <c>write</c> beyond its files. <c>--streams-without-status complete</c> (or the environment variable
/// <c>CONNECTORS_STREAMS_WITHOUT_STATUS=complete</c>) is the opt-in for a source older than stream statuses: at a clean
/// end of an input that carries no STREAM_STATUS and no TRACE ERROR at all, every stream is finalized. The default,
/// <c>incomplete</c>, finalizes only streams whose COMPLETE arrived. Whoever runs the sync knows the source, so the
/// choice is theirs, not the destination author's.
/// </summary>
internal static class WriteOptions
{
    public const string StreamsWithoutStatusOption = "streams-without-status";
    public const string StreamsWithoutStatusVariable = "CONNECTORS_STREAMS_WITHOUT_STATUS";
    public const string Values = "incomplete|complete";

    /// <summary>True when streams without a status are to be finalized at a clean end of the input; the option wins over the variable.</summary>
    /// <exception cref="InputException">The value is neither <c>incomplete</c> nor <c>complete</c>.</exception>
    public static bool CompleteStreamsWithoutStatus(CommandLine commandLine, Func<string, string?> environment)
    {
        var (value, origin) = commandLine.Option(StreamsWithoutStatusOption) is { } option
            ? (option, "--" + StreamsWithoutStatusOption)
            : (environment(StreamsWithoutStatusVariable), StreamsWithoutStatusVariable);
        return value?.Trim().ToLowerInvariant() switch
        {
            null or "" or "incomplete" => false,
            "complete" => true,
            _ => throw new InputException($"{origin} is '{value}'; expected 'incomplete' (the default: finalize only streams whose COMPLETE status arrived) or 'complete' (finalize every stream at the end of an input without stream statuses)."),
        };
    }
}
