using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Polly;

namespace Connectors.Http;

/// <summary>
/// One attempt of a request, the callback of the requester's Polly pipeline: wait at the <see cref="RateLimitGate"/>,
/// add credentials, send, read the body whole (see <see cref="BufferedContent"/>), and after a 401 refresh the
/// credentials once and send again. One method rather than a chain of <see cref="DelegatingHandler"/>s: each handler
/// was one more asynchronous state machine per request and one more set of methods the JIT compiles at start-up.
/// </summary>
internal sealed class Attempt
{
    private readonly HttpMessageInvoker _primary;
    private readonly RateLimitGate _gate;
    private readonly HttpAuthenticationContext _context;

    public Attempt(HttpMessageHandler primary, RateLimitGate gate, HttpAuthenticationContext context)
    {
        _primary = new HttpMessageInvoker(primary, disposeHandler: false);
        _gate = gate;
        _context = context;
    }

    /// <summary>The pipeline's callback; the request message is on the context (<see cref="RetryPipeline.RequestMessage"/>).</summary>
    public static ValueTask<Outcome<HttpResponseMessage>> RunAsync(ResilienceContext context, (Attempt Attempt, HttpAuthenticator? Authenticator) state) =>
        state.Attempt.SendAsync(context, state.Authenticator);

    private async ValueTask<Outcome<HttpResponseMessage>> SendAsync(ResilienceContext context, HttpAuthenticator? authenticator)
    {
        try
        {
            var request = context.Properties.GetValue(RetryPipeline.RequestMessage, null!);
            var cancellationToken = context.CancellationToken; // the attempt's: the timeout strategy's token
            await _gate.WaitAsync(context, cancellationToken).ConfigureAwait(false);
            var response = await SendOnceAsync(request, authenticator, cancellationToken).ConfigureAwait(false);
            if (authenticator is not null && response.StatusCode == HttpStatusCode.Unauthorized
                && await authenticator.RefreshAsync(_context, cancellationToken).ConfigureAwait(false))
            {
                response.Dispose();
                response = await SendOnceAsync(request, authenticator, cancellationToken).ConfigureAwait(false);
            }
            _gate.Observe(response);
            return Outcome.FromResult(response);
        }
        catch (Exception ex)
        {
            return Outcome.FromException<HttpResponseMessage>(ex);
        }
    }

    private async Task<HttpResponseMessage> SendOnceAsync(HttpRequestMessage request, HttpAuthenticator? authenticator, CancellationToken cancellationToken)
    {
        if (authenticator is not null)
        {
            await authenticator.AuthenticateAsync(request, _context, cancellationToken).ConfigureAwait(false);
        }
        var response = await _primary.SendAsync(request, cancellationToken).ConfigureAwait(false);
        try
        {
            await BufferedContent.BufferAsync(response, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            response.Dispose();
            // A connection lost mid-body is a network error like any other: the retry strategy handles HttpRequestException.
            throw new HttpRequestException($"The connection closed while the response body was read: {ex.Message}", ex);
        }
        catch
        {
            response.Dispose();
            throw;
        }
        return response;
    }
}
