using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Connectors.Runtime.Logging;
using Connectors.Runtime.Platform;
using Connectors.Runtime.Secrets;
using Connectors.Runtime.Tests.Support;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Connectors.Runtime.Tests.Platform;

/// <summary>
/// Under the HTTP platform the config's source is the platform (<c>GET /config</c>): start-up, Start, Stop and
/// UpdateConfig without a config read it there, as TetraScience's default start and stop hooks reload it.
/// </summary>
public sealed class PlatformConfigTests : IDisposable
{
    private readonly FakePlatformApi _api = new();
    private readonly List<PlatformServices> _services = new();

    [Fact]
    public async Task Start_and_Stop_reload_the_config_from_the_platform_not_the_file_or_memory()
    {
        _api.Config = new JsonObject { ["version"] = 4 };
        using var host = new CommandTestHost("""{"version": 1}""", platform: Http);
        await host.Lifecycle.InitializeAsync(OperatingStatus.Idle);
        Assert.Equal(4, host.Lifecycle.Connector.Version);
        var before = host.Journal.Count;

        _api.Config = new JsonObject { ["version"] = 6 };
        var start = await host.Lifecycle.StartAsync();
        host.Lifecycle.Connector.Version = 99;
        _api.Config = new JsonObject { ["version"] = 8 };
        var stop = await host.Lifecycle.StopAsync();

        Assert.True(start.Succeeded && stop.Succeeded);
        Assert.Equal(["OnConnectorUpdated RUNNING v6", "OnStart RUNNING v6", "OnConnectorUpdated IDLE v8", "OnStop IDLE v8"], host.Since(before));
        Assert.Equal(3, _api.Of("GET", "/config").Count);
    }

    [Fact]
    public async Task A_config_the_platform_changed_is_judged_and_a_rejected_one_fails_Start_leaving_the_status_as_it_was()
    {
        _api.Config = new JsonObject { ["version"] = 2 };
        using var host = new CommandTestHost("""{"version": 1}""", rejectOdd: true, platform: Http);
        await host.Lifecycle.InitializeAsync(OperatingStatus.Idle);

        _api.Config = new JsonObject { ["version"] = 3 };
        var error = await Assert.ThrowsAnyAsync<Exception>(() => host.Lifecycle.StartAsync());

        Assert.Contains("The config from the platform was rejected by [ValidateConfig]: v3 is odd", error.Message);
        Assert.Contains("The operating status stays IDLE.", error.Message);
        Assert.Equal(OperatingStatus.Idle, host.Lifecycle.Status);
        Assert.Equal(2, host.Lifecycle.Connector.Version);
    }

    [Fact]
    public async Task UpdateConfig_without_a_config_reads_the_platform_again()
    {
        _api.Config = new JsonObject { ["version"] = 2 };
        using var host = new CommandTestHost("""{"version": 1}""", platform: Http);
        await host.Lifecycle.InitializeAsync(OperatingStatus.Idle);

        _api.Config = new JsonObject { ["version"] = 10 };
        var result = await host.Lifecycle.UpdateConfigAsync(System.Text.Json.JsonDocument.Parse("{}").RootElement);

        Assert.True(result.Succeeded);
        Assert.Equal(10, host.Lifecycle.Connector.Version);
    }

    [Fact]
    public async Task A_platform_that_holds_no_config_leaves_the_file_as_the_source()
    {
        using var host = new CommandTestHost("""{"version": 5}""", platform: Http);
        await host.Lifecycle.InitializeAsync(OperatingStatus.Idle);
        host.Lifecycle.Connector.Version = 99;

        var start = await host.Lifecycle.StartAsync();

        Assert.True(start.Succeeded);
        Assert.Equal(5, host.Lifecycle.Connector.Version);
        Assert.Equal(2, _api.Of("GET", "/config").Count);
    }

    private PlatformServices Http(string folder)
    {
        var variables = new Dictionary<string, string> { ["TDP_ENDPOINT"] = _api.Endpoint, ["CONNECTOR_ID"] = "c-1" };
        var masker = new SecretMasker();
        var services = PlatformServices.CreateHttp(PlatformEnvironment.From("journaling", n => variables.GetValueOrDefault(n), masker), masker,
            new ConnectorLogs(new LogLevelSwitch(LogLevel.Information), new LogShipper(100, TimeSpan.FromHours(1))));
        _services.Add(services);
        return services;
    }

    public void Dispose()
    {
        foreach (var services in _services)
        {
            services.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
        _api.Dispose();
    }
}
