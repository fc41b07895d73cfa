using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Threading.Tasks;
using Connectors.Runtime.Tests.Support;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Connectors.Runtime.Tests.Host;

/// <summary>The values of secret config properties never appear in LOG, TRACE or connection status messages, in any encoding.</summary>
public sealed class SecretTests
{
    private const string Secret = "Tr0ub4dor&3 \"x\"/+ü";

    private static readonly string Config = JsonSerializer.Serialize(new Dictionary<string, object> { ["api_key"] = Secret });

    /// <summary>The forms a secret takes when connector code logs a URL, a form body or a JSON payload.</summary>
    public static IReadOnlyList<string> Forms { get; } = new[]
    {
        Secret,
        JavaScriptEncoder.Default.Encode(Secret),
        JavaScriptEncoder.UnsafeRelaxedJsonEscaping.Encode(Secret),
        Uri.EscapeDataString(Secret),
        WebUtility.UrlEncode(Secret),
    };

    private static string AllForms(string key) => string.Join(" | ", Forms.Select(f => f.Replace(Secret, key)).Prepend(key)
        .Concat(new[] { JsonSerializer.Serialize(new { token = key }), "https://api.example.com/?key=" + Uri.EscapeDataString(key), "grant_type=x&client_secret=" + WebUtility.UrlEncode(key) }));

    private static async Task<HostRun> CheckAsync(ConnectorDescriptor<TestSource> descriptor, string config = "")
    {
        using var files = new TempDir();
        return await HostRun.RunAsync(descriptor, "check", "--config", files.Write("config.json", config.Length > 0 ? config : Config), "--debug");
    }

    [Fact]
    public async Task Log_messages_and_their_stack_traces_are_masked()
    {
        using var files = new TempDir();
        var descriptor = TestConnector.WithStreams(TestConnector.Rows("users", (source, request) =>
        {
            request.Logger.LogInformation("Calling the API with {Forms}", AllForms(source.ApiKey));
            request.Logger.LogError(new InvalidOperationException("rejected key " + source.ApiKey), "Attempt failed for {Key}", source.ApiKey);
            return Row.WithSeqs(1);
        }));

        var run = await HostRun.ReadAsync(descriptor, files, TestConnector.FullRefresh("users"), config: Config);

        Assert.Equal(0, run.ExitCode);
        var info = Assert.Single(run.Logs, l => l.GetProperty("message").GetString()!.StartsWith("Calling the API", StringComparison.Ordinal));
        Assert.Contains("Calling the API with ****", info.GetProperty("message").GetString());
        var error = Assert.Single(run.Logs, l => l.GetProperty("level").GetString() == "ERROR");
        Assert.Equal("Attempt failed for ****", error.GetProperty("message").GetString());
        Assert.Contains("rejected key ****", error.GetProperty("stack_trace").GetString());
        AssertNoSecret(run);
    }

    [Fact]
    public async Task Stream_failures_are_masked_in_message_internal_message_and_stack_trace()
    {
        using var files = new TempDir();
        var descriptor = TestConnector.WithStreams(TestConnector.Rows("users", (source, _) =>
            ReadTests.Throwing(new InvalidOperationException("401 for " + AllForms(source.ApiKey)), 1)));

        var run = await HostRun.ReadAsync(descriptor, files, TestConnector.FullRefresh("users"), config: Config);

        Assert.Equal(1, run.ExitCode);
        var error = Assert.Single(run.Errors);
        Assert.Contains("401 for ****", error.GetProperty("message").GetString());
        Assert.Contains("401 for ****", error.GetProperty("internal_message").GetString());
        Assert.Contains("401 for ****", error.GetProperty("stack_trace").GetString());
        AssertNoSecret(run);
    }

    [Fact]
    public async Task Failed_check_messages_are_masked()
    {
        var run = await CheckAsync(TestConnector.WithCheck((source, _) => CheckResult.Failed("Key " + AllForms(source.ApiKey) + " is revoked.")));

        var status = run.Single("CONNECTION_STATUS", "connectionStatus");
        Assert.StartsWith("Key **** | ", status.GetProperty("message").GetString());
        AssertNoSecret(run);
    }

    [Fact]
    public async Task Check_ConfigException_messages_are_masked()
    {
        var run = await CheckAsync(TestConnector.WithCheck((source, _) => throw new ConfigException("Key " + AllForms(source.ApiKey) + " is revoked.")));

        Assert.Equal("FAILED", run.Single("CONNECTION_STATUS", "connectionStatus").GetProperty("status").GetString());
        AssertNoSecret(run);
    }

    [Fact]
    public async Task Check_crashes_are_masked()
    {
        var run = await CheckAsync(TestConnector.WithCheck((source, request) =>
        {
            request.Logger.LogDebug("Trying {Forms}", AllForms(source.ApiKey));
            throw new InvalidOperationException("Could not use " + AllForms(source.ApiKey));
        }));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Could not use ****", Assert.Single(run.Errors).GetProperty("message").GetString());
        Assert.Contains(run.Logs, l => l.GetProperty("message").GetString()!.StartsWith("Trying ****", StringComparison.Ordinal));
        AssertNoSecret(run);
    }

    /// <summary>
    /// Connector code that logs the Basic authorization header it builds from the config's user name and secret: the whole
    /// base64 of <c>user:secret</c> is masked, wherever in the config the user name is (without knowing the user name, the
    /// masker leaves a few characters of it standing beside the mask).
    /// </summary>
    [Theory]
    [InlineData("""{"api_key": "correct horse battery", "user": "admin"}""")]
    [InlineData("""{"api_key": "correct horse battery", "auth": {"user": "admin", "port": 8080}}""")]
    [InlineData("""{"api_key": "correct horse battery", "users": [true, "admin"]}""")]
    public async Task A_basic_authorization_header_of_a_config_user_name_and_the_secret_is_masked_whole(string config)
    {
        var header = "Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("admin:correct horse battery"));
        var run = await CheckAsync(TestConnector.WithCheck((_, request) =>
        {
            request.Logger.LogInformation("Authorization: {Header}", header);
            return CheckResult.Success();
        }), config);

        Assert.Contains(run.Logs, l => l.GetProperty("message").GetString() == "Authorization: Basic ****");
        Assert.DoesNotContain(header.Substring(6, 8), run.Stdout);
    }

    [Fact]
    public async Task A_secret_of_the_wrong_type_is_not_shown_in_the_binding_error_and_is_masked_afterwards()
    {
        var run = await CheckAsync(TestConnector.WithStreams(), """{"api_key": 987654321, "count": "987654321"}""");

        var message = run.Single("CONNECTION_STATUS", "connectionStatus").GetProperty("message").GetString()!;
        Assert.Contains("$.api_key: expected a string, got a number", message);
        // The same text in a property that is not secret is masked too: the masker knows the value now.
        Assert.Contains("$.count: expected an integer, got \"****\"", message);
        Assert.DoesNotContain("987654321", run.Stdout);
    }

    [Fact]
    public async Task Records_are_data_and_are_not_masked()
    {
        using var files = new TempDir();
        var descriptor = TestConnector.WithStreams(TestConnector.Rows("users", (source, _) => new[] { new Row(1, 1, source.ApiKey) }));

        var run = await HostRun.ReadAsync(descriptor, files, TestConnector.FullRefresh("users"), config: Config);

        Assert.Equal(Secret, Assert.Single(run.Records()).GetProperty("data").GetProperty("name").GetString());
    }

    /// <summary>No string in any message other than RECORD data, nor stderr, holds the secret in any form.</summary>
    private static void AssertNoSecret(HostRun run)
    {
        foreach (var message in run.Messages.Where(m => m.GetProperty("type").GetString() != "RECORD"))
        {
            foreach (var text in Strings(message))
            {
                foreach (var form in Forms)
                {
                    Assert.DoesNotContain(form, text);
                }
            }
        }
        foreach (var form in Forms)
        {
            Assert.DoesNotContain(form, run.Stderr);
        }
    }

    private static IEnumerable<string> Strings(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => new[] { element.GetString()! },
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Strings(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Strings),
        _ => Array.Empty<string>(),
    };
}
