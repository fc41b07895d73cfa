using System;
using System.Net;
using System.Net.Http;
using System.Threading.RateLimiting;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Connectors.Http;

/// <summary>
/// The requester's Polly pipeline, outermost first: retry (exponential backoff with jitter, or the wait the server asked
/// for), the shared request budget (each attempt takes a permit), and the attempt timeout.
/// </summary>
internal static class RetryPipeline
{
    public static ResiliencePipeline<HttpResponseMessage> Build(HttpRequesterOptions options, RateLimiter? budget, HttpRequester requester, ILogger logger)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = options.TimeProvider };
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryDelay,
                MaxDelay = options.MaxRetryDelay,
                ShouldHandle = args => new ValueTask<bool>(ShouldRetry(args.Outcome, options)),
                DelayGenerator = args => new ValueTask<TimeSpan?>(RequestedWait(args, options.TimeProvider)),
                OnRetry = args =>
                {
                    LogRetry(logger, requester, args, options);
                    return default;
                },
            });
        }
        if (budget is not null)
        {
            builder.AddRateLimiter(budget);
        }
        builder.AddTimeout(options.AttemptTimeout);
        return builder.Build();
    }

    /// <summary>
    /// When the server named a time to come back (Retry-After, X-RateLimit-Reset), the retry must not reach it sooner. A
    /// timer may fire up to a tick of the system's coarse clock early, so the wait's end is kept on the request's
    /// resilience context and <see cref="RateLimitGate"/> holds the retry until the precise clock has passed it.
    /// </summary>
    internal static readonly ResiliencePropertyKey<DateTimeOffset> ResumeAt = new("Connectors.Http.ResumeAt");

    /// <summary>The request an execution of the pipeline sends (for <see cref="Attempt"/> and the retry log).</summary>
    internal static readonly ResiliencePropertyKey<HttpRequestMessage> RequestMessage = new("Connectors.Http.RequestMessage");

    private static TimeSpan? RequestedWait(RetryDelayGeneratorArguments<HttpResponseMessage> args, TimeProvider time)
    {
        var now = time.GetUtcNow();
        if (args.Outcome.Result is not { } response || RateLimitHeaders.RequestedWait(response, now) is not { } wait)
        {
            return null;
        }
        args.Context.Properties.Set(ResumeAt, now + wait.Wait);
        return wait.Wait;
    }

    /// <summary>Statuses worth another attempt: 408, 429 and 5xx (the server may recover).</summary>
    public static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;

    private static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, HttpRequesterOptions options)
    {
        if (outcome.Exception is { } exception)
        {
            return exception is HttpRequestException or TimeoutRejectedException;
        }
        var response = outcome.Result!;
        if (!IsTransient(response.StatusCode))
        {
            return false;
        }
        // A server that asks for a longer wait than allowed is not waited for: the stream fails with a transient error.
        return RateLimitHeaders.RequestedWait(response, options.TimeProvider.GetUtcNow()) is not { } wait || wait.Wait <= options.MaxRetryAfter;
    }

    private static void LogRetry(ILogger logger, HttpRequester requester, OnRetryArguments<HttpResponseMessage> args, HttpRequesterOptions options)
    {
        if (!logger.IsEnabled(LogLevel.Warning))
        {
            return;
        }
        var request = args.Outcome.Result?.RequestMessage ?? args.Context.Properties.GetValue(RequestMessage, null!);
        string reason;
        if (args.Outcome.Exception is { } exception)
        {
            reason = exception is TimeoutRejectedException
                ? $"no response within {options.AttemptTimeout.TotalSeconds:0.###} s"
                : HttpRequester.Reason(exception);
        }
        else
        {
            var response = args.Outcome.Result!;
            reason = $"{(int)response.StatusCode} {response.ReasonPhrase}";
            if (RateLimitHeaders.RequestedWait(response, options.TimeProvider.GetUtcNow()) is { } wait)
            {
                reason += $", {wait.Source}";
            }
        }
        logger.LogWarning("Retrying {Request} in {Delay:0.###} s (retry {Retry} of {MaxRetries}): {Reason}",
            request is null ? "a request" : requester.Describe(request.Method, request.RequestUri),
            args.RetryDelay.TotalSeconds, args.AttemptNumber + 1, options.MaxRetries, reason);
    }
}
