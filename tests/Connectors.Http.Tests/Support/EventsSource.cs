using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Text.Json.Serialization;
using Connectors.Http.Testing;
using Microsoft.Extensions.Logging;

namespace Connectors.Http.Tests.Support;

/// <summary>
/// A generated connector over a fake events API that filters by date (<c>from</c> exclusive, <c>to</c> inclusive) and
/// paginates with a token: the shape of the toolkit's sliced incremental read, run in-process through the runtime.
/// </summary>
[Connector("source-events-test")]
public sealed partial class EventsSource : IDisposable
{
    /// <summary>The fake API the connector talks to (set by the test; the runtime creates the connector itself).</summary>
    internal static FakeHttpHandler? Api { get; set; }

    [ConfigProperty]
    public DateTimeOffset StartDate { get; set; }

    [ConfigProperty]
    public DateTimeOffset EndDate { get; set; }

    [ConfigProperty]
    public int Concurrency { get; set; } = 1;

    [ConfigProperty]
    public int MaxRetries { get; set; } = 1;

    private HttpRequester? _http;

    private HttpRequester Http(ILogger logger) => _http ??= new HttpRequester(new HttpRequesterOptions
    {
        BaseUrl = "https://events.test/api/",
        PrimaryHandler = new NotDisposing(Api!),
        MaxRetries = MaxRetries,
        RetryDelay = TimeSpan.FromMilliseconds(1),
        Logger = logger,
    });

    [Check]
    public CheckResult Check() => CheckResult.Success();

    [Stream("events", PrimaryKey = nameof(Event.Id), Cursor = nameof(Event.OccurredAt))]
    public IAsyncEnumerable<Event> Events(DateTimeOffset? since, StreamContext context, ILogger logger) =>
        DateWindows.Incremental(since, StartDate, TimeSpan.FromDays(1), EndDate).Read(context,
            window => Http(logger).Get("events").Query("from", window.Start).Query("to", window.End)
                .Paginate(new TokenPaginator("$.next", "cursor"))
                .Records("$.data[*]", EventsJson.Default.Event),
            Concurrency,
            cursor: e => e.OccurredAt);

    public void Dispose() => _http?.Dispose();

    // The test owns the fake API across runs.
    private sealed class NotDisposing : DelegatingHandler
    {
        public NotDisposing(HttpMessageHandler inner) : base(inner)
        {
        }

        protected override void Dispose(bool disposing)
        {
        }
    }
}

public sealed record Event(string Id, DateTimeOffset OccurredAt, string Kind);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(Event))]
internal sealed partial class EventsJson : JsonSerializerContext;
