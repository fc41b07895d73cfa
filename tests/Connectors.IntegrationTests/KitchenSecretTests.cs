using System.Collections.Generic;
using System.Linq;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Threading.Tasks;
using Connectors.IntegrationTests.Infrastructure;
using Xunit;

namespace Connectors.IntegrationTests;

/// <summary>
/// A secret config value never leaves the process: not in LOG messages, TRACE messages (message, internal_message,
/// stack_trace), failed-check messages, nor on stderr. **** stands in its place.
/// </summary>
public class KitchenSecretTests
{
    // Characters that JSON and URLs escape, so every encoded form of the secret is tried too.
    private const string Secret = "kitchen-S3CR3T/\"quoted\"+ünïcode";
    private const string Mask = "****";

    [Fact]
    public async Task A_failed_check_masks_the_secret_in_its_message_and_logs()
    {
        var run = await RunAsync("check", new { api_key = Secret, check_outcome = "Fail" });

        AssertNoSecret(run);
        Assert.Contains(Mask, run.OfType("CONNECTION_STATUS").Single().GetProperty("connectionStatus").GetProperty("message").GetString());
        Assert.Contains(run.Logs, log => log.GetProperty("message").GetString()!.Contains("api key " + Mask));
    }

    [Fact]
    public async Task A_check_that_throws_masks_the_secret_in_message_internal_message_and_stack_trace()
    {
        var run = await RunAsync("check", new { api_key = Secret, check_outcome = "Throw" });

        AssertNoSecret(run);
        var error = Assert.Single(run.Errors);
        Assert.Contains(Mask, error.GetProperty("message").GetString());
        Assert.Contains(Mask, error.GetProperty("internal_message").GetString());
        Assert.Contains(Mask, error.GetProperty("stack_trace").GetString());
    }

    [Fact]
    public async Task A_read_masks_the_secret_in_logs_and_in_stream_errors()
    {
        var catalog = await Connector.Kitchen.CatalogAsync("full_refresh", "numbers", "failing", "forbidden");

        var run = await RunAsync("read", new { api_key = Secret, records = 5, fail_after = 2 }, "--catalog", catalog, "--debug");

        AssertNoSecret(run);
        Assert.Contains(run.Logs, log => log.GetProperty("message").GetString() == $"Connecting to the kitchen with api key {Mask}.");
        Assert.Equal(2, run.Errors.Count);
        foreach (var error in run.Errors)
        {
            Assert.Contains(Mask, error.GetProperty("message").GetString());
            Assert.Contains(Mask, error.GetProperty("internal_message").GetString());
            Assert.Contains(Mask, error.GetProperty("stack_trace").GetString());
        }
    }

    [Fact]
    public async Task A_secret_of_the_wrong_type_is_not_echoed_in_the_config_error()
    {
        var run = await RunAsync("check", new { api_key = 987654321987L });

        AssertNoSecret(run, "987654321987");
        var message = run.OfType("CONNECTION_STATUS").Single().GetProperty("connectionStatus").GetProperty("message").GetString();
        Assert.Contains("$.api_key: expected a string", message);
    }

    private static async Task<ConnectorRun> RunAsync(string command, object config, params string[] more)
    {
        var args = new List<string> { command, "--config", TestFiles.Json("config", config) };
        args.AddRange(more);
        return await Connector.Kitchen.RunAsync(args.ToArray());
    }

    private static void AssertNoSecret(ConnectorRun run, string secret = Secret)
    {
        var forms = new[]
        {
            secret,
            JavaScriptEncoder.Default.Encode(secret),
            JavaScriptEncoder.UnsafeRelaxedJsonEscaping.Encode(secret),
            System.Uri.EscapeDataString(secret),
        };
        foreach (var form in forms.Distinct())
        {
            Assert.False(run.Stdout.Contains(form, System.StringComparison.Ordinal), $"stdout shows the secret as {form}\n{run.Describe()}");
            Assert.False(run.Stderr.Contains(form, System.StringComparison.Ordinal), $"stderr shows the secret as {form}\n{run.Describe()}");
        }
        foreach (var text in run.Messages.SelectMany(Strings))
        {
            Assert.DoesNotContain(secret, text);
        }
    }

    /// <summary>Every string value in a message, decoded.</summary>
    private static IEnumerable<string> Strings(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => [element.GetString()!],
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Strings(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Strings),
        _ => [],
    };
}
