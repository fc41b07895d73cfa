using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Connectors.Runtime.Conduit.Tests.Driver;
using Grpc.Core;
using ConduitWire.Grpc.Health.V1;
using Xunit;
using Parameter = ConduitWire.Config.V1.Parameter;
using SourceMessages = ConduitWire.Connector.V2.Source.Types;
using Validation = ConduitWire.Config.V1.Validation;

namespace Connectors.Runtime.Conduit.Tests;

/// <summary>The plugin process as go-plugin's client sees it: handshake, health, Specify, Configure, Shutdown, signals.</summary>
public sealed class PluginProcessTests
{
    [Fact]
    public async Task The_handshake_line_is_all_of_stdout_health_serves_and_Shutdown_ends_the_process()
    {
        await using var plugin = await ConduitPlugin.StartAsync(await PublishedPlugins.FakerAsync());

        Assert.Matches(new Regex(@"^1\|2\|tcp\|127\.0\.0\.1:\d+\|grpc$"), plugin.HandshakeLine);
        var health = await plugin.Health.CheckAsync(new HealthCheckRequest { Service = "plugin" });
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
        await plugin.Controller.ShutdownAsync(new global::ConduitWire.Plugin.Empty());

        Assert.True(await plugin.WaitForExitAsync(TimeSpan.FromSeconds(5)), "the plugin still runs 5 s after Shutdown");
        Assert.Equal(0, plugin.Process.ExitCode);
        Assert.Equal([plugin.HandshakeLine], plugin.Stdout);
        // Logs go to stderr as Conduit reads them: JSON lines with @level and @message.
        var log = plugin.Stderr.Split('\n').Where(l => l.StartsWith('{')).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.All(log, line => Assert.True(line.TryGetProperty("@level", out _) && line.TryGetProperty("@message", out _)));
    }

    [Fact]
    public async Task The_source_plugin_is_a_native_executable_published_without_trim_or_AOT_warnings()
    {
        var executable = await PublishedPlugins.FakerAsync();
        var log = await PublishedPlugins.FakerPublishLogAsync();

        // Native AOT: one executable, no managed entry assembly beside it (Conduit starts it with an empty environment).
        Assert.False(File.Exists(Path.ChangeExtension(executable, ".dll")), "the publish is not native: source-faker.dll is beside the executable");
        Assert.Empty(log.Split('\n').Where(line => Regex.IsMatch(line, @"\bIL[23]\d{3}\b")).Distinct());
    }

    [Fact]
    public async Task SIGTERM_ends_the_process_within_five_seconds()
    {
        await using var plugin = await ConduitPlugin.StartAsync(await PublishedPlugins.FakerAsync());
        await plugin.Source.ConfigureAsync(SourcePluginTests.Configure(Faker.Config(count: 100_000)));
        await plugin.Source.OpenAsync(new SourceMessages.Open.Types.Request());
        using var run = new SourceRun(plugin.Source);
        await run.WaitForAsync(10);

        Assert.Equal(0, Kill(plugin.Process.Id, 15));

        Assert.True(await plugin.WaitForExitAsync(TimeSpan.FromSeconds(5)), "the plugin still runs 5 s after SIGTERM");
    }

    [Theory]
    [InlineData(null, "conduit", "CONDUIT_PLUGIN_MAGIC_COOKIE is not set")]
    [InlineData("not-the-cookie", null, "not started by Conduit")]
    public async Task Without_Conduits_cookie_it_refuses_to_serve(string? cookie, string? command, string message)
    {
        var environment = new Dictionary<string, string?> { ["CONDUIT_PLUGIN_MAGIC_COOKIE"] = cookie };
        await using var plugin = ConduitPlugin.Launch(await PublishedPlugins.FakerAsync(), environment, command is null ? [] : [command]);

        Assert.True(await plugin.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Equal(1, plugin.Process.ExitCode);
        Assert.Empty(plugin.Stdout);
        Assert.Contains(message, plugin.Stderr);
    }

    [Fact]
    public async Task The_plain_sample_is_no_Conduit_plugin_only_its_Conduit_build_is()
    {
        // samples/Faker.Source (built first: a project reference) does not reference Connectors.Runtime.Conduit: started as
        // Conduit starts a plugin, it is the Airbyte CLI without a command, and it carries no gRPC or ASP.NET Core.
        var plain = Path.Combine(PublishedPlugins.RepoRoot, "samples", "Faker.Source", "bin", PublishedPlugins.Configuration, "net10.0");
        // A framework-dependent build: it needs to be told where .NET is (the test host's own dotnet).
        var dotnetRoot = new Dictionary<string, string?> { ["DOTNET_ROOT"] = Path.GetDirectoryName(Environment.ProcessPath) };
        await using var plugin = ConduitPlugin.Launch(Path.Combine(plain, "source-faker"), dotnetRoot, []);

        Assert.True(await plugin.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.NotEqual(0, plugin.Process.ExitCode);
        Assert.Contains("No command given.", plugin.Stderr);
        Assert.DoesNotContain(plugin.Stdout, line => line.StartsWith("1|2|tcp|", StringComparison.Ordinal));
        Assert.False(File.Exists(Path.Combine(plain, "Connectors.Runtime.Conduit.dll")));
        Assert.False(File.Exists(Path.Combine(plain, "Grpc.AspNetCore.Server.dll")));
    }

    [Fact]
    public async Task A_Conduit_that_offers_only_protocol_1_is_refused()
    {
        var environment = new Dictionary<string, string?> { ["PLUGIN_PROTOCOL_VERSIONS"] = "1" };
        await using var plugin = ConduitPlugin.Launch(await PublishedPlugins.FakerAsync(), environment, []);

        Assert.True(await plugin.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Equal(1, plugin.Process.ExitCode);
        Assert.Empty(plugin.Stdout);
        Assert.Contains("version 2", plugin.Stderr);
    }

    [Fact]
    public async Task Specify_describes_the_config_model_as_Conduit_parameters()
    {
        await using var plugin = await ConduitPlugin.StartAsync(await PublishedPlugins.FakerAsync());

        var spec = (await plugin.Specifier.SpecifyAsync(new ConduitWire.Connector.V2.Specifier.Types.Specify.Types.Request())).Specification;

        Assert.Equal("source-faker", spec.Name);
        Assert.Equal("v0.1.0", spec.Version);
        Assert.Equal("Faker Source Spec", spec.Summary);
        Assert.Empty(spec.DestinationParams);
        Assert.Equal(["always_updated", "count", "records_per_slice", "seed"], spec.SourceParams.Keys.Where(k => !k.StartsWith("sdk.")).Order());
        var count = spec.SourceParams["count"];
        Assert.Equal(Parameter.Types.Type.Int, count.Type);
        Assert.Equal("1000", count.Default);
        Assert.StartsWith("How many users to generate", count.Description);
        Assert.Contains(count.Validations, v => v.Type == Validation.Types.Type.GreaterThan && v.Value == "0");
        Assert.Contains(count.Validations, v => v.Type == Validation.Types.Type.LessThan && v.Value == "2147483648");
        Assert.Equal(Parameter.Types.Type.Bool, spec.SourceParams["always_updated"].Type);
        Assert.Equal("true", spec.SourceParams["always_updated"].Default);
        Assert.Contains(spec.SourceParams["sdk.payload.format"].Validations, v => v.Type == Validation.Types.Type.Inclusion && v.Value == "structured,raw");
    }

    [Fact]
    public async Task Specify_of_a_destination_lists_destination_params_with_required_ones()
    {
        await using var plugin = await ConduitPlugin.StartAsync(await PublishedPlugins.SqliteAsync());

        var spec = (await plugin.Specifier.SpecifyAsync(new ConduitWire.Connector.V2.Specifier.Types.Specify.Types.Request())).Specification;

        Assert.Equal("destination-sqlite", spec.Name);
        Assert.Empty(spec.SourceParams);
        var path = spec.DestinationParams["path"];
        Assert.Equal(Parameter.Types.Type.String, path.Type);
        Assert.Contains(path.Validations, v => v.Type == Validation.Types.Type.Required);
    }

    [Theory]
    [InlineData("count", "abc", "count:")]
    [InlineData("count", "0", "count:")]
    [InlineData("counts", "5", "did you mean 'count'")]
    [InlineData("sdk.payload.format", "xml", "sdk.payload.format:")]
    public async Task Configure_rejects_a_bad_config_naming_the_key(string key, string value, string expected)
    {
        await using var plugin = await ConduitPlugin.StartAsync(await PublishedPlugins.FakerAsync());
        var config = Faker.Config();
        config[key] = value;

        var error = await Assert.ThrowsAsync<RpcException>(async () => await plugin.Source.ConfigureAsync(SourcePluginTests.Configure(config)));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains(expected, error.Status.Detail);
    }

    [Fact]
    public async Task Configure_reports_every_problem_at_once_and_applies_defaults()
    {
        await using var plugin = await ConduitPlugin.StartAsync(await PublishedPlugins.FakerAsync());

        var error = await Assert.ThrowsAsync<RpcException>(async () => await plugin.Source.ConfigureAsync(SourcePluginTests.Configure(
            new Dictionary<string, string> { ["count"] = "many", ["seed"] = "1.5", ["unknown"] = "x" })));
        // Only whitespace and sdk.* keys besides: every connector parameter takes its default.
        await plugin.Source.ConfigureAsync(SourcePluginTests.Configure(new Dictionary<string, string> { ["count"] = " ", ["sdk.batch.delay"] = "1s" }));

        Assert.Contains("count:", error.Status.Detail);
        Assert.Contains("seed:", error.Status.Detail);
        Assert.Contains("unknown:", error.Status.Detail);
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
