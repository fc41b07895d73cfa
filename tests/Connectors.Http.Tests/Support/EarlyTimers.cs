using System;
using System.Threading;

namespace Connectors.Http.Tests.Support;

/// <summary>
/// A clock whose timers fire a tenth of their due time early, as the system's timers may by a tick of its coarse clock
/// (a real <c>Task.Delay</c> of 300 ms can end after 299.2 ms by the precise clock); the time itself is the inner clock's.
/// </summary>
internal sealed class EarlyTimers(TimeProvider inner) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow();

    public override long GetTimestamp() => inner.GetTimestamp();

    public override long TimestampFrequency => inner.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        inner.CreateTimer(callback, state, dueTime > TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan ? dueTime * 0.9 : dueTime, period);
}
