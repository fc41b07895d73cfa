using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Text.Json.Serialization;
using System.Threading;
using System.Threading.Tasks;
using Connectors;
using Connectors.Runtime;
using Microsoft.Extensions.Logging;

namespace Kitchen;

/// <summary>
/// A connector for the integration tests. Its config switches on the runtime paths the Faker sample never takes: a secret
/// that turns up in logs and exception messages, a check that fails or throws, streams that fail, raise a config error,
/// run slowly with or without honouring cancellation, or stall; and a stream that resumes from a page token.
/// </summary>
[Connector("source-kitchen", Version = "0.1.0", Title = "Kitchen Test Source")]
public sealed partial class KitchenSource
{
    /// <summary>A secret the connector logs and puts into exception messages, so tests can prove it is masked.</summary>
    /// <remarks>
    /// Required, so it has no initializer; the binder always sets it. (The C# <c>required</c> modifier does not compile
    /// with the generated <c>Create</c>, hence the pragma.)
    /// </remarks>
    [ConfigProperty(Secret = true, Order = 0)]
#pragma warning disable CS8618
    public string ApiKey { get; set; }
#pragma warning restore CS8618

    /// <summary>What the check does: succeed, fail (CheckResult.Failed) or throw an unexpected exception.</summary>
    [ConfigProperty(Order = 1)]
    public CheckOutcome CheckOutcome { get; set; } = CheckOutcome.Succeed;

    /// <summary>How many records each stream has.</summary>
    [ConfigProperty(Minimum = 0, Order = 2)]
    public int Records { get; set; } = 10;

    /// <summary>The 'failing' stream throws after this many records.</summary>
    [ConfigProperty(Minimum = 0, Order = 3)]
    public int FailAfter { get; set; } = 3;

    /// <summary>The delay before each record of the 'slow' and 'stubborn' streams, in milliseconds.</summary>
    [ConfigProperty(Minimum = 0, Order = 4)]
    public int DelayMs { get; set; } = 0;

    /// <summary>When positive, the 'stubborn' stream blocks forever after this many records, ignoring cancellation.</summary>
    [ConfigProperty(Minimum = 0, Order = 5)]
    public int StallAfter { get; set; } = 0;

    [Check]
    public CheckResult Check(ILogger logger)
    {
        logger.LogInformation("Checking the kitchen with api key {ApiKey}.", ApiKey);
        return CheckOutcome switch
        {
            CheckOutcome.Fail => CheckResult.Failed($"The kitchen refused api key {ApiKey}."),
            CheckOutcome.Throw => throw new InvalidOperationException($"The kitchen blew up while checking api key {ApiKey}."),
            _ => CheckResult.Success(),
        };
    }

    /// <summary>Plain records; logs the secret at INFO and a detail at DEBUG, and writes a stray line to Console.Out.</summary>
    [Stream("numbers", PrimaryKey = nameof(Item.Id), Cursor = nameof(Item.Id), SortedByCursor = true, CheckpointInterval = 2)]
    public IEnumerable<Item> Numbers(long? since, ILogger logger)
    {
        logger.LogInformation("Connecting to the kitchen with api key {ApiKey}.", ApiKey);
        logger.LogDebug("Kitchen debug detail: {Records} records per stream.", Records);
        Console.WriteLine("A stray line from connector code.");
        for (var id = (since ?? 0) + 1; id <= Records; id++)
        {
            yield return Item.Make(id);
        }
    }

    /// <summary>Throws an unexpected exception (whose message holds the secret) after <see cref="FailAfter"/> records.</summary>
    [Stream("failing", PrimaryKey = nameof(Item.Id), Cursor = nameof(Item.Id), SortedByCursor = true, CheckpointInterval = 2)]
    public IEnumerable<Item> Failing(long? since)
    {
        for (var id = (since ?? 0) + 1; id <= Records; id++)
        {
            if (id > FailAfter)
            {
                throw new InvalidOperationException($"The kitchen rejected api key {ApiKey} after {FailAfter} records.");
            }
            yield return Item.Make(id);
        }
    }

    /// <summary>Raises a <see cref="ConfigException"/> before its first record.</summary>
    [Stream("forbidden", PrimaryKey = nameof(Item.Id))]
    public IEnumerable<Item> Forbidden()
    {
        throw new ConfigException($"Api key {ApiKey} may not read the forbidden stream.");
    }

    /// <summary>Waits <see cref="DelayMs"/> before each record, and stops as soon as it is cancelled.</summary>
    [Stream("slow", PrimaryKey = nameof(Item.Id), Cursor = nameof(Item.Id), SortedByCursor = true, CheckpointInterval = 2)]
    public async IAsyncEnumerable<Item> Slow(long? since, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var id = (since ?? 0) + 1; id <= Records; id++)
        {
            await Task.Delay(DelayMs, cancellationToken);
            yield return Item.Make(id);
        }
    }

    /// <summary>Waits <see cref="DelayMs"/> before each record without looking at any token; may stall for good.</summary>
    [Stream("stubborn", PrimaryKey = nameof(Item.Id), Cursor = nameof(Item.Id), SortedByCursor = true, CheckpointInterval = 2)]
    public IEnumerable<Item> Stubborn(long? since)
    {
        for (var id = (since ?? 0) + 1; id <= Records; id++)
        {
            Thread.Sleep(StallAfter > 0 && id > StallAfter ? Timeout.Infinite : DelayMs);
            yield return Item.Make(id);
        }
    }

    /// <summary>
    /// Pages of two records read by a page token, as an API hands them out; the stream's state is the token of the next
    /// page (null once the last page is read). Waits <see cref="DelayMs"/> before each record.
    /// </summary>
    [Stream("pages", PrimaryKey = nameof(Item.Id), StateContext = typeof(KitchenJson))]
    public async IAsyncEnumerable<Item> Pages(StreamState<PageToken> state, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var token = state.HasSaved ? state.Saved!.Next : "p1";
        while (token is not null)
        {
            var first = (long.Parse(token.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture) - 1) * 2 + 1;
            for (var id = first; id < first + 2 && id <= Records; id++)
            {
                await Task.Delay(DelayMs, cancellationToken);
                yield return Item.Make(id);
            }
            token = first + 2 <= Records ? "p" + ((first + 1) / 2 + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
            // Every record of the page has been handed over: a resume starts at the next page.
            state.Checkpoint(new PageToken(token));
        }
    }
}

/// <summary>The state of the 'pages' stream: the token of the page to read next, or null when every page was read.</summary>
public sealed record PageToken([property: JsonPropertyName("next")] string? Next);

/// <summary>Serializes the 'pages' stream's state without reflection.</summary>
[JsonSerializable(typeof(PageToken))]
internal sealed partial class KitchenJson : JsonSerializerContext;

/// <summary>What the check does.</summary>
public enum CheckOutcome
{
    /// <summary>The check succeeds.</summary>
    Succeed,

    /// <summary>The check returns CheckResult.Failed with the secret in its message.</summary>
    Fail,

    /// <summary>The check throws an unexpected exception with the secret in its message.</summary>
    Throw,
}

/// <summary>One record of any kitchen stream.</summary>
public sealed record Item(long Id, string Name, DateTimeOffset UpdatedAt)
{
    private static readonly DateTimeOffset Epoch = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The record with this id; the same id always gives the same record.</summary>
    public static Item Make(long id) => new(id, "item " + id, Epoch.AddMinutes(id));
}
