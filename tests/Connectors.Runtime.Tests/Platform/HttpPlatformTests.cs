using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Connectors.Runtime.Logging;
using Connectors.Runtime.Platform;
using Connectors.Runtime.Secrets;
using Connectors.Runtime.Tests.Support;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Connectors.Runtime.Tests.Platform;

/// <summary>The HTTP platform services against a small platform API the test starts on 127.0.0.1.</summary>
public sealed class HttpPlatformTests : IDisposable
{
    private const string Token = "tok-secret-123456";
    private static readonly DateTimeOffset At = new(2024, 5, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly FakePlatformApi _api = new();
    private readonly SecretMasker _masker = new();
    private readonly PlatformServices _services;

    public HttpPlatformTests()
    {
        _services = Services(_masker);
        Assert.True(_services.Environment.UsesHttpPlatform);
    }

    [Fact]
    public async Task Connector_data_is_saved_and_read_by_key_through_the_API_with_the_bearer_token()
    {
        await _services.Data.SaveAsync([ConnectorValue.Of("last_file", "b.json"), ConnectorValue.Of("password", "pa55-word-secret", secure: true)]);

        var values = await _services.Data.GetAsync(["password", "last_file", "missing"]);

        Assert.Equal([("last_file", "b.json", false), ("password", "pa55-word-secret", true)], values.Select(v => (v.Key, v.Text, v.Secure)));
        Assert.All(_api.Requests, r => Assert.Equal("Bearer " + Token, r.Authorization));
        Assert.Equal("/v1/data-acquisition/connectors/c-1/data?keys=password%2Clast_file%2Cmissing", Assert.Single(_api.Of("GET", "/data")).PathAndQuery);
        Assert.Equal("****", _masker.Apply("pa55-word-secret"));
    }

    [Fact]
    public async Task File_records_go_in_batches_of_500_and_come_back_by_status()
    {
        var files = Enumerable.Range(0, 1100).Select(i => new ConnectorFile($"id-{i}", $"/d/{i}", i < 100 ? ConnectorFileStatus.Error : ConnectorFileStatus.Success));

        var saved = await _services.Files.SaveFilesAsync(files);
        var errors = await _services.Files.GetFilesAsync(new ConnectorFileQuery { Statuses = [ConnectorFileStatus.Error] });

        Assert.Equal(1100, saved.Count);
        Assert.Equal([500, 500, 100], _api.Of("POST", "/files").Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("files").GetArrayLength()));
        Assert.Equal(100, errors.Count);
        Assert.EndsWith("/files?statuses=ERROR", Assert.Single(_api.Of("GET", "/files")).PathAndQuery);
    }

    [Fact]
    public async Task An_upload_carries_the_content_destination_and_metadata()
    {
        var file = await _services.Files.UploadFileAsync(FileUpload.FromBytes("run-7/result.json", Encoding.UTF8.GetBytes("""{"v":1}""")) with
        {
            DestinationId = "lake",
            ContentType = "application/json",
            Metadata = new Dictionary<string, string> { ["sample_id"] = "S-1" },
        });

        var request = Assert.Single(_api.Of("POST", "/files/upload"));
        Assert.Equal("/v1/data-acquisition/connectors/c-1/files/upload?targetName=run-7%2Fresult.json&destinationId=lake", request.PathAndQuery);
        Assert.Equal("""{"v":1}""", request.Body);
        Assert.Equal("""{"sample_id":"S-1"}""", request.Headers["X-File-Metadata"]);
        Assert.Equal("application/json", request.Headers["Content-Type"]);
        Assert.Equal(("file-1", "s3://lake/run-7/result.json", 7L), (file.FileId, file.Location, file.Bytes));
    }

    [Fact]
    public async Task Heartbeats_health_metrics_and_shipped_logs_are_posted_as_documented()
    {
        await _services.Reporter.ReportHeartbeatAsync(new Heartbeat(At, 1, OperatingStatus.Running, new HealthReport(HealthStatus.Healthy, null, At),
            TimeSpan.FromSeconds(2)), CancellationToken.None);
        await _services.Reporter.ReportHealthAsync(new HealthReport(HealthStatus.Error, "down", At), CancellationToken.None);
        await _services.Reporter.ReportMetricsAsync(new MetricsReport(At, [new MetricValue("files_ingested", "counter", 3, null)]), CancellationToken.None);
        _services.Logs.Shipper.Enqueue(new LogEvent(At, LogLevel.Information, "instrument", """{"level":"info","message":"hi","extra":{"context":"instrument"}}"""));
        await _services.Logs.FlushAsync();

        Assert.Equal(
            """{"emittedAt":"2024-05-01T09:00:00+00:00","sequence":1,"connector":"instrument","connectorId":"c-1","operatingStatus":"RUNNING","health":"HEALTHY","uptimeSeconds":2}""",
            Assert.Single(_api.Of("POST", "/heartbeat")).Body);
        Assert.Equal("""{"status":"ERROR","message":"down","since":"2024-05-01T09:00:00+00:00"}""", Assert.Single(_api.Of("PUT", "/health")).Body);
        Assert.Contains("\"files_ingested\"", Assert.Single(_api.Of("POST", "/metrics")).Body);
        Assert.Equal("""{"events":[{"timestamp":"2024-05-01T09:00:00+00:00","entry":{"level":"info","message":"hi","extra":{"context":"instrument"}}}]}""",
            Assert.Single(_api.Of("POST", "/logs")).Body);
    }

    [Fact]
    public async Task A_refusal_names_the_call_and_status_with_secrets_masked()
    {
        _api.FailWith = 401;

        var error = await Assert.ThrowsAsync<PlatformApiException>(() => _services.Data.GetAsync(["x"]));

        Assert.Equal("The platform API answered GET /v1/data-acquisition/connectors/c-1/data with 401 Unauthorized: {\"message\":\"refused token Bearer ****\"}",
            error.Message);
    }

    [Fact]
    public void The_HTTP_platform_needs_an_endpoint_and_a_connector_id()
    {
        var environment = PlatformEnvironment.From("x", n => n == "CONNECTOR_PLATFORM" ? "http" : null);

        var error = Assert.Throws<InvalidOperationException>(() => PlatformServices.CreateHttp(environment, new SecretMasker(),
            new ConnectorLogs(new LogLevelSwitch(LogLevel.Information), new LogShipper(1, TimeSpan.FromHours(1)))));

        Assert.Equal("The HTTP platform needs TDP_ENDPOINT, an absolute URL.", error.Message);
    }

    [Fact]
    public async Task An_upload_without_a_content_type_or_destination_is_octet_stream_to_the_default_destination()
    {
        var file = await _services.Files.UploadFileAsync(FileUpload.FromBytes("raw.bin", [1, 2]));

        var request = Assert.Single(_api.Of("POST", "/files/upload"));
        Assert.Equal("/v1/data-acquisition/connectors/c-1/files/upload?targetName=raw.bin", request.PathAndQuery);
        Assert.Equal("application/octet-stream", request.Headers["Content-Type"]);
        Assert.Equal(("application/octet-stream", null), (file.ContentType, file.DestinationId));
    }

    [Fact]
    public async Task A_saved_secure_value_is_masked_at_once_and_one_read_by_another_process_is_masked_there()
    {
        await _services.Data.SaveAsync([ConnectorValue.Of("password", "pa55-word-secret", secure: true), ConnectorValue.Of("last_file", "b.json")]);
        Assert.Equal("****", _masker.Apply("pa55-word-secret"));
        var otherMasker = new SecretMasker();
        await using var other = Services(otherMasker);

        var values = await other.Data.GetAsync();

        Assert.Equal(["last_file", "password"], values.Select(v => v.Key));
        Assert.Equal("**** b.json", otherMasker.Apply("pa55-word-secret b.json"));
        Assert.EndsWith("/connectors/c-1/data", Assert.Single(_api.Of("GET", "/data")).PathAndQuery);
    }

    [Fact]
    public async Task File_records_are_read_by_ids_statuses_and_a_limit_in_one_query()
    {
        await _services.Files.SaveFilesAsync([new ConnectorFile("a", "/d/a", ConnectorFileStatus.Error), new ConnectorFile("b", "/d/b", ConnectorFileStatus.Success),
            new ConnectorFile("c", "/d/c", ConnectorFileStatus.Error), new ConnectorFile("d", "/d/d", ConnectorFileStatus.Pending)]);

        var all = await _services.Files.GetFilesAsync();
        var limited = await _services.Files.GetFilesAsync(new ConnectorFileQuery
        {
            Ids = ["a", "b", "c", "a"],
            Statuses = [ConnectorFileStatus.Error, ConnectorFileStatus.Success],
            Limit = 1,
        });
        var chosen = await _services.Files.GetFilesAsync(new ConnectorFileQuery { Ids = ["c", "d"] });

        Assert.Equal(4, all.Count);
        Assert.Single(limited);
        Assert.Equal(["c", "d"], chosen.Select(f => f.UniqueExternalId).Order());
        Assert.Equal(
            [
                "/v1/data-acquisition/connectors/c-1/files",
                "/v1/data-acquisition/connectors/c-1/files?ids=a%2Cb%2Cc&statuses=ERROR,SUCCESS&limit=1",
                "/v1/data-acquisition/connectors/c-1/files?ids=c%2Cd",
            ],
            _api.Of("GET", "/files").Select(r => r.PathAndQuery));
    }

    [Fact]
    public async Task A_config_answer_without_a_config_object_is_an_error_naming_the_call()
    {
        _api.Config = JsonValue.Create(5);

        var error = await Assert.ThrowsAsync<PlatformApiException>(() => _services.ConfigSource!(CancellationToken.None));

        Assert.Equal("The platform API answered GET /v1/data-acquisition/connectors/c-1/config without a \"config\" object.", error.Message);
    }

    private PlatformServices Services(SecretMasker masker)
    {
        var variables = new Dictionary<string, string> { ["TDP_ENDPOINT"] = _api.Endpoint, ["CONNECTOR_ID"] = "c-1", ["CONNECTOR_TOKEN"] = Token };
        return PlatformServices.CreateHttp(PlatformEnvironment.From("instrument", n => variables.GetValueOrDefault(n), masker), masker,
            new ConnectorLogs(new LogLevelSwitch(LogLevel.Information), new LogShipper(100, TimeSpan.FromHours(1))));
    }

    public void Dispose()
    {
        _services.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _api.Dispose();
    }
}
