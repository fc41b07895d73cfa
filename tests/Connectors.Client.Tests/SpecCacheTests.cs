using System;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Connectors.Client.Execution;
using Connectors.Client.Tests.Infrastructure;
using Xunit;

namespace Connectors.Client.Tests;

/// <summary>
/// The spec cache under the connectors home: a second connector object (a second run of the tool) does not start the
/// connector for <c>spec</c> while its executable is unchanged. A fake connector script counts its own starts.
/// </summary>
public sealed class SpecCacheTests
{
    [Fact]
    public async Task A_second_source_reads_the_spec_from_the_home_without_starting_the_connector()
    {
        using var temp = new TempDirectory();
        var connector = FakeConnector.Write(temp, "source-fake", property: "first");
        var first = await Spec(temp, connector);
        var second = await Spec(temp, connector);
        Assert.Equal(["spec"], FakeConnector.Starts(temp));
        Assert.True(second.ConnectionSpecification.GetProperty("properties").TryGetProperty("first", out _));
        Assert.Equal(first.Json.GetRawText(), second.Json.GetRawText());
        Assert.Single(Directory.GetFiles(new ConnectorHome(temp.File("home")).SpecCacheDirectory));
    }

    [Fact]
    public async Task Rewriting_the_executable_runs_spec_again()
    {
        using var temp = new TempDirectory();
        var connector = FakeConnector.Write(temp, "source-fake", property: "first");
        await Spec(temp, connector);
        FakeConnector.Write(temp, "source-fake", property: "second_version");
        var spec = await Spec(temp, connector);
        Assert.Equal(["spec", "spec"], FakeConnector.Starts(temp));
        Assert.True(spec.ConnectionSpecification.GetProperty("properties").TryGetProperty("second_version", out _));
        await Spec(temp, connector);
        Assert.Equal(2, FakeConnector.Starts(temp).Count); // the new build's spec is cached in turn
    }

    [Fact]
    public async Task Rebuilding_the_assembly_beside_an_apphost_runs_spec_again()
    {
        using var temp = new TempDirectory();
        var connector = FakeConnector.Write(temp, "source-fake", property: "first");
        var assembly = temp.Write("source-fake.dll", "build 1");
        await Spec(temp, connector);
        await Spec(temp, connector);
        File.WriteAllText(assembly, "build 2, longer");
        await Spec(temp, connector);
        Assert.Equal(["spec", "spec"], FakeConnector.Starts(temp));
    }

    [Fact]
    public async Task Refresh_asks_the_connector_and_updates_the_entry()
    {
        using var temp = new TempDirectory();
        var connector = FakeConnector.Write(temp, "source-fake", property: "first");
        await Spec(temp, connector);
        var options = new ConnectorOptions { Home = new ConnectorHome(temp.File("home")) };
        await new Source(new LocalExecutor(connector), options: options).GetSpecAsync(refresh: true);
        await Spec(temp, connector);
        Assert.Equal(["spec", "spec"], FakeConnector.Starts(temp));
    }

    [Fact]
    public async Task With_the_cache_off_every_connector_object_runs_spec_and_nothing_is_written()
    {
        using var temp = new TempDirectory();
        var connector = FakeConnector.Write(temp, "source-fake", property: "first");
        var options = new ConnectorOptions { Home = new ConnectorHome(temp.File("home")), CacheSpec = false };
        await new Source(new LocalExecutor(connector), options: options).GetSpecAsync();
        await new Source(new LocalExecutor(connector), options: options).GetSpecAsync();
        Assert.Equal(["spec", "spec"], FakeConnector.Starts(temp));
        Assert.False(Directory.Exists(options.Home.SpecCacheDirectory));
    }

    [Fact]
    public async Task A_damaged_entry_is_ignored_and_replaced()
    {
        using var temp = new TempDirectory();
        var connector = FakeConnector.Write(temp, "source-fake", property: "first");
        await Spec(temp, connector);
        var entry = Directory.GetFiles(new ConnectorHome(temp.File("home")).SpecCacheDirectory).Single();
        File.WriteAllText(entry, "{\"key\": \"trunc");
        var spec = await Spec(temp, connector);
        Assert.True(spec.ConnectionSpecification.GetProperty("properties").TryGetProperty("first", out _));
        await Spec(temp, connector);
        Assert.Equal(["spec", "spec"], FakeConnector.Starts(temp));
    }

    [Fact]
    public async Task The_tool_starts_the_connector_for_spec_once_across_runs_unless_told_not_to_cache()
    {
        using var temp = new TempDirectory();
        var connector = FakeConnector.Write(temp, "source-fake", property: "first");
        var home = Directory.CreateDirectory(temp.File("home")).FullName;
        var config = temp.Write("config.json", """{"first": "x"}""");
        var spec = await Cli.RunAsync(home, ["spec", "--source", connector]);
        Assert.Equal(0, spec.ExitCode);
        var validate = await Cli.RunAsync(home, ["validate", "--source", connector, "--config", config]);
        Assert.Equal(0, validate.ExitCode);
        Assert.Equal(spec.Stdout, (await Cli.RunAsync(home, ["spec", "--source", connector])).Stdout);
        Assert.Equal(["spec"], FakeConnector.Starts(temp));
        var uncached = await Cli.RunAsync(home, ["spec", "--source", connector, "--no-spec-cache"]);
        Assert.Equal(spec.Stdout, uncached.Stdout);
        Assert.Equal(["spec", "spec"], FakeConnector.Starts(temp));
    }

    private static Task<Catalog.ConnectorSpecification> Spec(TempDirectory temp, string connector) =>
        new Source(new LocalExecutor(connector), new JsonObject(), new ConnectorOptions { Home = new ConnectorHome(temp.File("home")) })
            .GetSpecAsync();

    /// <summary>A shell connector that answers <c>spec</c> and appends each command it is started for to <c>starts.txt</c>.</summary>
    private static class FakeConnector
    {
        public static string Write(TempDirectory temp, string name, string property)
        {
            var starts = temp.File("starts.txt");
            var spec = "{\"type\":\"SPEC\",\"spec\":{\"connectionSpecification\":{\"type\":\"object\",\"properties\":{\""
                + property + "\":{\"type\":\"string\"}}}}}";
            var path = temp.Write(name, $"#!/bin/sh\necho \"$1\" >> '{starts}'\nif [ \"$1\" = spec ]; then echo '{spec}'; fi\n");
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            return path;
        }

        public static System.Collections.Generic.List<string> Starts(TempDirectory temp) =>
            File.Exists(temp.File("starts.txt")) ? File.ReadAllLines(temp.File("starts.txt")).ToList() : [];
    }
}
