using System;
using System.Collections.Generic;
using System.Text.Json.Serialization;
using System.Threading;
using System.Threading.Tasks;
using Connectors.Http.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Connectors.Http.Tests.Support;

/// <summary>A fake API and a requester in front of it, with its log captured; optionally on a fake clock.</summary>
internal sealed class TestApi : IDisposable
{
    /// <param name="configure">Changes the requester's options.</param>
    /// <param name="fakeTime">Runs on a fake clock (<see cref="Time"/>).</param>
    /// <param name="clock">Wraps the fake clock the requester sees (say, timers that fire early).</param>
    public TestApi(Func<HttpRequesterOptions, HttpRequesterOptions>? configure = null, bool fakeTime = false,
        Func<FakeTimeProvider, TimeProvider>? clock = null)
    {
        Time = fakeTime ? new FakeTimeProvider(new DateTimeOffset(2024, 5, 1, 0, 0, 0, TimeSpan.Zero)) : null;
        Handler = new FakeHttpHandler(Time);
        var options = new HttpRequesterOptions
        {
            BaseUrl = "https://api.test/v1/",
            PrimaryHandler = Handler,
            Logger = Log,
            RetryDelay = TimeSpan.FromMilliseconds(10),
            TimeProvider = Time is null ? TimeProvider.System : clock?.Invoke(Time) ?? Time,
        };
        Requester = new HttpRequester(configure?.Invoke(options) ?? options);
    }

    public FakeHttpHandler Handler { get; }

    public HttpRequester Requester { get; }

    public FakeTimeProvider? Time { get; }

    public CapturedLog Log { get; } = new();

    /// <summary>Runs <paramref name="work"/> while the fake clock moves on in steps, so delays and timeouts elapse at once.</summary>
    public async Task<T> OnFakeTimeAsync<T>(Func<Task<T>> work, TimeSpan? step = null)
    {
        var task = Task.Run(work);
        while (!task.IsCompleted)
        {
            await Task.Delay(2);
            Time!.Advance(step ?? TimeSpan.FromMilliseconds(250));
        }
        return await task;
    }

    public void Dispose() => Requester.Dispose();
}

/// <summary>Log entries, as "LEVEL message".</summary>
internal sealed class CapturedLog : ILogger
{
    private readonly List<string> _entries = new();

    public IReadOnlyList<string> Entries
    {
        get
        {
            lock (_entries)
            {
                return _entries.ToArray();
            }
        }
    }

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_entries)
        {
            _entries.Add(logLevel + " " + formatter(state, exception));
        }
    }
}

public sealed record Item(int Id, string Name, DateTimeOffset? UpdatedAt = null);

public sealed record Envelope(List<Item> Data, string? Next);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(Item))]
[JsonSerializable(typeof(Envelope))]
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class TestJson : JsonSerializerContext;

internal static class Items
{
    /// <summary>A JSON array of items with ids from..to.</summary>
    public static string Json(int from, int to)
    {
        var items = new List<string>();
        for (var id = from; id <= to; id++)
        {
            items.Add($$"""{"id":{{id}},"name":"item {{id}}"}""");
        }
        return "[" + string.Join(",", items) + "]";
    }

    public static async Task<List<T>> ReadAllAsync<T>(this IAsyncEnumerable<T> source, CancellationToken cancellationToken = default)
    {
        var list = new List<T>();
        await foreach (var item in source.WithCancellation(cancellationToken))
        {
            list.Add(item);
        }
        return list;
    }
}
