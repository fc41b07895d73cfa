using System;
using System.Linq;
using System.Threading.Tasks;
using Connectors.Runtime.Hosting;
using Connectors.Runtime.Tests.Support;
using Xunit;

namespace Connectors.Runtime.Tests.Host;

/// <summary>
/// What <c>check</c> tells the user about a config file beyond its values: each unknown key as a warning naming the
/// file, key and path (with the property it most likely misspells), or as an error when the connector or
/// <c>CONNECTORS_STRICT_CONFIG</c> asks for strict configs; a bad value of that variable; and every path of a secret too
/// short to mask. Runs alone: it sets the process environment.
/// </summary>
[Collection(nameof(EnvironmentCollection))]
public sealed class ConfigBindingTests
{
    /// <summary>The test source with a binder that, as the generated ones do, notes keys that name no property.</summary>
    private static ConnectorDescriptor<TestSource> Checking(bool strict = false)
    {
        var descriptor = TestConnector.Create();
        return new ConnectorDescriptor<TestSource>
        {
            Name = descriptor.Name, Version = descriptor.Version, ConfigSchema = descriptor.ConfigSchema, Create = descriptor.Create,
            StrictConfig = strict,
            BindConfig = (target, reader) =>
            {
                reader.CheckProperties(reader.Root, "$", ["api_key", "count", "host"]);
                TestSource.Bind(target, reader);
            },
        };
    }

    private static async Task<(HostRun Run, string File)> CheckAsync(ConnectorDescriptor<TestSource> descriptor, string config, string? strictVariable = null)
    {
        var saved = Environment.GetEnvironmentVariable(ConfigBinding<TestSource>.StrictConfigVariable);
        Environment.SetEnvironmentVariable(ConfigBinding<TestSource>.StrictConfigVariable, strictVariable);
        try
        {
            using var files = new TempDir();
            var file = files.Write("config.json", config);
            return (await HostRun.RunAsync(descriptor, "check", "--config", file), file);
        }
        finally
        {
            Environment.SetEnvironmentVariable(ConfigBinding<TestSource>.StrictConfigVariable, saved);
        }
    }

    private static string Status(HostRun run) => run.Single("CONNECTION_STATUS", "connectionStatus").GetProperty("status").GetString()!;

    private static string StatusMessage(HostRun run) => run.Single("CONNECTION_STATUS", "connectionStatus").GetProperty("message").GetString()!;

    private static string[] Warnings(HostRun run) =>
        run.Logs.Where(l => l.GetProperty("level").GetString() == "WARN").Select(l => l.GetProperty("message").GetString()!).ToArray();

    private const string Misspelt = """{"api_key":"sk-test-key","cout":2,"zzz":1}""";

    [Fact]
    public async Task Each_unknown_key_is_a_warning_naming_the_file_the_key_its_path_and_the_likely_property()
    {
        var (run, file) = await CheckAsync(Checking(), Misspelt);

        Assert.Equal("SUCCEEDED", Status(run));
        Assert.Equal(
            [
                $"The config file '{file}' has an unknown property \"cout\" at $.cout, which is ignored; did you mean \"count\"?",
                $"The config file '{file}' has an unknown property \"zzz\" at $.zzz, which is ignored.",
            ],
            Warnings(run));
    }

    [Fact]
    public async Task A_strict_connector_refuses_unknown_keys()
    {
        var (run, file) = await CheckAsync(Checking(strict: true), Misspelt);

        Assert.Equal("FAILED", Status(run));
        Assert.Equal($"The config file '{file}' is invalid: $.cout: unknown property (did you mean \"count\"?); $.zzz: unknown property", StatusMessage(run));
        Assert.Empty(Warnings(run));
    }

    [Theory]
    [InlineData("true")]
    [InlineData("1")]
    [InlineData(" TRUE ")]
    public async Task The_variable_makes_unknown_keys_errors(string value)
    {
        var (run, _) = await CheckAsync(Checking(), Misspelt, value);

        Assert.Equal("FAILED", Status(run));
        Assert.Contains("$.zzz: unknown property", StatusMessage(run));
    }

    [Theory]
    [InlineData("false")]
    [InlineData("0")]
    [InlineData("False")]
    public async Task The_variable_makes_a_strict_connector_s_unknown_keys_warnings(string value)
    {
        var (run, _) = await CheckAsync(Checking(strict: true), Misspelt, value);

        Assert.Equal("SUCCEEDED", Status(run));
        Assert.Equal(2, Warnings(run).Length);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public async Task An_empty_variable_leaves_the_connector_s_choice(string value)
    {
        var (lenient, _) = await CheckAsync(Checking(), Misspelt, value);
        var (strict, _) = await CheckAsync(Checking(strict: true), Misspelt, value);

        Assert.Equal("SUCCEEDED", Status(lenient));
        Assert.Equal("FAILED", Status(strict));
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("2")]
    public async Task Any_other_value_of_the_variable_is_a_config_problem(string value)
    {
        var (run, _) = await CheckAsync(Checking(), TestConnector.ValidConfig, value);

        Assert.Equal("FAILED", Status(run));
        Assert.Equal($"The environment variable CONNECTORS_STRICT_CONFIG is '{value}'; expected true or false (or 1 or 0).", StatusMessage(run));
    }

    [Fact]
    public async Task A_secret_too_short_to_mask_is_a_warning_naming_every_path_it_appears_at()
    {
        var (run, _) = await CheckAsync(TestConnector.Create(), """{"api_key":"abc","tags":["x","abc",{"k":"abc"}],"n":3}""");

        Assert.Equal("SUCCEEDED", Status(run));
        var warning = Assert.Single(Warnings(run));
        Assert.StartsWith("The secret at $.api_key, $.tags[1], $.tags[2].k is only 3 character(s) long, too short to mask safely", warning);
    }
}
