using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Connectors.Runtime.Logging;
using Connectors.Runtime.Platform;
using Connectors.Runtime.Secrets;
using Connectors.Runtime.Tests.Support;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Connectors.Runtime.Tests.Platform;

/// <summary>What <see cref="PlatformServices"/> builds from the environment, and what disposing it releases.</summary>
public sealed class PlatformServicesTests : IDisposable
{
    private readonly TempDir _folder = new();

    [Fact]
    public async Task The_HTTP_services_send_through_the_given_handler_and_dispose_it_with_themselves()
    {
        using var handler = new RecordingHandler();
        var services = PlatformServices.CreateHttp(Environment("http://127.0.0.1:1/", "c-1"), new SecretMasker(), Logs(), handler);

        var config = await services.ConfigSource!(CancellationToken.None);
        await services.DisposeAsync();

        Assert.Null(config);
        Assert.Equal(["GET http://127.0.0.1:1/v1/data-acquisition/connectors/c-1/config"], handler.Requests);
        Assert.True(handler.Disposed);
    }

    [Theory]
    [InlineData(null, "c-1", "The HTTP platform needs TDP_ENDPOINT, an absolute URL.")]
    [InlineData("platform.example.test/api", "c-1", "The HTTP platform needs TDP_ENDPOINT, an absolute URL.")]
    [InlineData("https://platform.example.test/", null, "The HTTP platform needs CONNECTOR_ID.")]
    public void The_HTTP_services_need_an_absolute_endpoint_and_a_connector_id(string? endpoint, string? connectorId, string message)
    {
        using var handler = new RecordingHandler();

        var error = Assert.Throws<InvalidOperationException>(() =>
            PlatformServices.CreateHttp(Environment(endpoint, connectorId), new SecretMasker(), Logs(), handler));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public async Task Disposing_the_services_ends_their_metrics_for_every_listener()
    {
        var services = TestPlatform.Create(_folder.Path);
        var completed = new List<string>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (ReferenceEquals(instrument.Meter, services.Metrics.Meter))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
            MeasurementsCompleted = (instrument, _) => completed.Add(instrument.Name),
        };
        listener.Start();

        await services.DisposeAsync();

        Assert.Equal(["process.cpu.seconds", "process.memory.bytes"], completed.Order());
    }

    [Fact]
    public async Task The_local_store_encrypts_with_CONNECTOR_DATA_KEY_instead_of_a_key_file()
    {
        var key = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
        var environment = new Dictionary<string, string> { ["CONNECTOR_DATA_KEY"] = key };
        await using (var services = TestPlatform.Create(_folder.Path, environment: environment))
        {
            await services.Data.SaveAsync("password", "pa55-word-secret", secure: true);
        }

        await using var again = TestPlatform.Create(_folder.Path, environment: environment);
        var value = await again.Data.GetValueAsync("password");

        Assert.False(File.Exists(Path.Combine(_folder.Path, "connector.key")));
        Assert.Equal("pa55-word-secret", value?.Text);
    }

    private static PlatformEnvironment Environment(string? endpoint, string? connectorId) =>
        PlatformEnvironment.From("instrument", n => n switch
        {
            "TDP_ENDPOINT" => endpoint,
            "CONNECTOR_ID" => connectorId,
            _ => null,
        });

    private static ConnectorLogs Logs() => new(new LogLevelSwitch(LogLevel.Information), new LogShipper(100, TimeSpan.FromHours(1)));

    public void Dispose() => _folder.Dispose();

    /// <summary>Answers every request 404 (the platform holds nothing) and records it, and whether it was disposed.</summary>
    private sealed class RecordingHandler : HttpMessageHandler
    {
        public List<string> Requests { get; } = new();

        public bool Disposed { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add($"{request.Method} {request.RequestUri}");
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.NotFound) { RequestMessage = request });
        }

        protected override void Dispose(bool disposing)
        {
            Disposed = true;
            base.Dispose(disposing);
        }
    }
}
