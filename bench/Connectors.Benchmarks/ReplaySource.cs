using System;
using System.Collections.Generic;
using System.Threading;
using Faker;

namespace Connectors.Benchmarks;

/// <summary>
/// A generated connector whose <c>users</c> stream replays pre-made Faker users (same record type, cursor and
/// serializer as the sample), so a read measures the SDK's per-record cost without the cost of making the records.
/// </summary>
[Connector("source-replay", Version = "0.1.0")]
public sealed partial class ReplaySource
{
    /// <summary>The users the stream cycles through (set by the benchmark's setup).</summary>
    internal static User[] Replayed { get; set; } = [];

    /// <summary>How many records the stream emits.</summary>
    [ConfigProperty(Minimum = 1)]
    public int Count { get; set; } = 1000;

    /// <summary>Nothing to connect to.</summary>
    [Check]
    public CheckResult Check() => CheckResult.Success();

    /// <summary>Replayed users, in a cycle.</summary>
    [Stream("users", PrimaryKey = nameof(User.Id), Cursor = nameof(User.UpdatedAt), SortedByCursor = true)]
    public IEnumerable<User> Users(DateTimeOffset? since, StreamContext context, CancellationToken cancellationToken)
    {
        var users = Replayed;
        for (var i = 0; i < Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return users[i % users.Length];
        }
    }
}
