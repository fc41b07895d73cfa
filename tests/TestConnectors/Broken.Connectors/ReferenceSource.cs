using System;
using System.Collections.Generic;
using System.Threading;
using Connectors;
using Microsoft.Extensions.Logging;

namespace Broken;

/// <summary>
/// A source that keeps every rule of the acceptance kit: three streams (two incremental, sorted by cursor and
/// checkpointed every <see cref="CheckpointEvery"/> records; one full refresh only), a secret it logs (masked by the
/// runtime), a check that fails for the api key "wrong".
/// </summary>
[Connector("source-reference", Version = "0.1.0", Title = "Reference Source")]
public sealed partial class ReferenceSource
{
    private static readonly DateTimeOffset Epoch = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>True once a read of the accounts began in this process (BrokenConduit's <c>conduit-exit-1-after-a-read</c>).</summary>
    internal static bool ReadStarted { get; private set; }

    /// <summary>The key of the (imaginary) API.</summary>
    [ConfigProperty(Secret = true, Order = 0)]
    public required string ApiKey { get; set; }

    /// <summary>How many accounts and events to read.</summary>
    [ConfigProperty(Minimum = 1, Order = 1)]
    public int Count { get; set; } = 100;

    /// <summary>Records between two checkpoints.</summary>
    [ConfigProperty(Minimum = 1, Order = 2)]
    public int CheckpointEvery { get; set; } = 40;

    /// <summary>Succeeds unless the key is "wrong".</summary>
    [Check]
    public CheckResult Check(ILogger logger)
    {
        logger.LogInformation("Checking with key {Key}.", ApiKey);
        if (BrokenCase.Is("check-always-fails"))
        {
            return CheckResult.Failed("The API refused every key today.");
        }
        return ApiKey == "wrong" ? CheckResult.Failed("The API refused the key.") : CheckResult.Success();
    }

    /// <summary>Accounts, in id order (which is updated_at order).</summary>
    [Stream("accounts", PrimaryKey = nameof(Account.Id), Cursor = nameof(Account.UpdatedAt), SortedByCursor = true)]
    public IEnumerable<Account> Accounts(DateTimeOffset? since, StreamContext context, ILogger logger, CancellationToken cancellationToken)
    {
        ReadStarted = true;
        context.CheckpointInterval = CheckpointEvery;
        logger.LogInformation("Reading accounts with key {Key}.", ApiKey);
        if (BrokenCase.Is("conduit-secret-in-log"))
        {
            // A log line in the format Conduit reads, but past the runtime's masking: straight to file descriptor 2, as
            // native code or a child process would.
            using var fd2 = new System.IO.FileStream(new Microsoft.Win32.SafeHandles.SafeFileHandle(2, ownsHandle: false), System.IO.FileAccess.Write, bufferSize: 0);
            fd2.Write(System.Text.Encoding.UTF8.GetBytes($$"""{"@level":"info","@message":"reading accounts with key {{ApiKey}}"}""" + "\n"));
        }
        if (BrokenCase.Is("conduit-plain-stderr-log"))
        {
            // A plain-text line on stderr (as a library writing to the console would): Conduit cannot read its level.
            using var fd2 = new System.IO.FileStream(new Microsoft.Win32.SafeHandles.SafeFileHandle(2, ownsHandle: false), System.IO.FileAccess.Write, bufferSize: 0);
            fd2.Write(System.Text.Encoding.UTF8.GetBytes("reading accounts\n"));
        }
        // An off-by-one in the cursor filter: a resumed read starts one record past the checkpoint.
        var after = since is { } cursor && BrokenCase.Is("conduit-cursor-off-by-one") ? cursor.AddMinutes(1) : since;
        for (var id = 1; id <= Count; id++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var account = new Account(id, $"account {id}", id * 12.5m, Epoch.AddMinutes(id));
            if (after is null || account.UpdatedAt > after)
            {
                yield return account;
            }
        }
    }

    /// <summary>Events, in id order (which is occurred_at order).</summary>
    [Stream("events", PrimaryKey = nameof(Event.Id), Cursor = nameof(Event.OccurredAt), SortedByCursor = true)]
    public IEnumerable<Event> Events(DateTimeOffset? since, StreamContext context, CancellationToken cancellationToken)
    {
        context.CheckpointInterval = CheckpointEvery;
        for (var id = 1; id <= Count; id++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var occurred = Epoch.AddSeconds(id * 30);
            if (since is null || occurred > since)
            {
                yield return new Event(id, id % 3 == 0 ? "deleted" : "created", id % 7, occurred);
            }
        }
    }

    /// <summary>A small fixed list, full refresh only.</summary>
    [Stream("regions", PrimaryKey = nameof(Region.Code))]
    public IEnumerable<Region> Regions() =>
        [new("eu", "Europe"), new("us", "United States"), new("ap", "Asia Pacific")];
}

/// <summary>An account.</summary>
public sealed record Account(long Id, string Name, decimal Balance, DateTimeOffset UpdatedAt);

/// <summary>An event.</summary>
public sealed record Event(long Id, string Kind, int? Priority, DateTimeOffset OccurredAt);

/// <summary>A region.</summary>
public sealed record Region(string Code, string Name);
