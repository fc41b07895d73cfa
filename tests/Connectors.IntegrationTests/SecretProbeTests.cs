using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Connectors.IntegrationTests.Infrastructure;
using Probe;
using Xunit;

namespace Connectors.IntegrationTests;

/// <summary>
/// The probe connector prints both of its secrets in every form of <see cref="SecretLeaks"/> through every channel it has
/// (ILogger messages, values and exceptions with inner and aggregate exceptions, Console.Out, Console.Error, a secret in
/// pieces, an unfinished last line, failure messages, response bodies, an unhandled exception) in check, read, serve and
/// command. Every byte of stdout and stderr is searched for every form.
/// </summary>
public sealed class SecretProbeTests
{
    private const string ApiKey = "pr0be-K3y/\"quoted\"+ü&~ 42";
    private const string Password = "correct horse battery staple";
    private const string User = "probe-user";

    private static readonly object Config = new { api_key = ApiKey, password = Password, user = User };

    [Fact]
    public async Task Check_masks_every_form_on_stdout_and_stderr()
    {
        var run = await Connector.Probe.RunAsync("check", "--config", TestFiles.Json("config", Config));

        Assert.Equal(1, run.ExitCode);
        AssertMasked(run.Stdout, run.Stderr, "check", [ApiKey, Password]);
        Assert.Contains("probe check failed with raw: ****", Assert.Single(run.Errors).GetProperty("message").GetString());
    }

    [Fact]
    public async Task Read_masks_every_form_on_stdout_and_stderr()
    {
        var catalog = await Connector.Probe.CatalogAsync("full_refresh", "items");

        var run = await Connector.Probe.RunAsync("read", "--config", TestFiles.Json("config", Config), "--catalog", catalog);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(3, run.Records().Count);
        AssertMasked(run.Stdout, run.Stderr, "read", [ApiKey, Password]);
    }

    [Fact]
    public async Task An_unhandled_exception_on_a_thread_of_the_connector_is_printed_masked()
    {
        var run = await Connector.Probe.RunAsync("check", "--config", TestFiles.Json("config", new { api_key = ApiKey, password = Password, user = User, crash = true }));

        Assert.Equal(1, run.ExitCode);
        AssertNoForm(run.Stdout, run.Stderr, [ApiKey, Password]);
        Assert.Contains("Unhandled exception. System.InvalidOperationException: The probe crashed with raw: ****", run.Stderr);
    }

    [Fact]
    public async Task Serve_masks_every_form_in_responses_logs_and_console_lines_even_after_UpdateConfig()
    {
        const string newKey = "n3w-K3y%with spaces";
        const string newPassword = "another long password";
        await using var process = ConnectorProcess.Start(Connector.Probe, ["serve", "--config", TestFiles.Json("config", Config)]);

        var leak = await process.CommandAsync("1", "Probe.Leak");
        var forms = await process.CommandAsync("2", "Probe.Forms");
        var update = await process.CommandAsync("3", "TetraScience.Connector.UpdateConfig", new { config = new { api_key = newKey, password = newPassword, user = User } });
        var validate = await process.CommandAsync("4", "TetraScience.Connector.ValidateConfig", new { config = new { api_key = 5 } });
        await process.CommandAsync("5", "Probe.Leak");
        await process.CommandAsync("6", "TetraScience.Connector.Shutdown");
        await process.WaitForExitAsync();

        Assert.Equal(0, process.ExitCode);
        Assert.Equal("SUCCESS", update.GetProperty("status").GetString());
        Assert.False(validate.GetProperty("body").GetProperty("valid").GetBoolean());
        Assert.Contains("'Probe.Leak' failed: probe Probe.Leak failed with raw: ****", leak.GetProperty("body").GetProperty("message").GetString());
        Assert.All(forms.GetProperty("body").EnumerateArray(), f => Assert.Contains("****", f.GetString()));
        var (stdout, stderr) = Output(process);
        AssertMasked(stdout, stderr, "Probe.Leak", [ApiKey, Password, newKey, newPassword]);
        AssertMasked(stdout, stderr, "OnStart", [ApiKey, Password]);
        AssertMasked(stdout, stderr, "OnShutdown", [newKey, newPassword]);
        // On stderr the command host writes only JSON log lines: printed lines became log entries too.
        Assert.All(process.Logs, l => Assert.True(l.TryGetProperty("level", out _)));
        Assert.Contains(process.Logs, l => l.GetProperty("message").GetString() == "probe OnStart Console.Out, raw: ****"
            && l.GetProperty("extra").GetProperty("stream").GetString() == "stdout");
    }

    [Fact]
    public async Task A_one_shot_command_masks_every_form()
    {
        var process = await ConnectorProcess.RunAsync(Connector.Probe,
            ["command", "Probe.Leak", "--config", TestFiles.Json("config", Config), "--status", "RUNNING"]);

        Assert.Equal(1, process.ExitCode);
        var (stdout, stderr) = Output(process);
        AssertMasked(stdout, stderr, "Probe.Leak", [ApiKey, Password]);
        AssertMasked(stdout, stderr, "OnStart", [ApiKey, Password]);
    }

    [Fact]
    public async Task A_one_character_secret_never_masks_property_names_and_is_warned_about()
    {
        await using var process = ConnectorProcess.Start(Connector.Probe,
            ["serve", "--config", TestFiles.Json("config", new { api_key = "e", password = "long enough password" })]);

        var stop = await process.CommandAsync("1", "TetraScience.Connector.Stop");
        await process.CommandAsync("2", "TetraScience.Connector.Shutdown");
        await process.WaitForExitAsync();

        Assert.Equal("IDLE", stop.GetProperty("body").GetProperty("operatingStatus").GetString());
        Assert.Equal(2, process.Responses.Count);
        // Responses, and the heartbeat and metrics report lines beside them (docs/platform-services.md), keep their property names.
        Assert.All(process.Stdout, r => Assert.Contains(string.Join(",", r.EnumerateObject().Select(p => p.Name)),
            new[] { "commandId,status,body", "report,heartbeat", "report,metrics" }));
        Assert.All(process.Logs, l => Assert.Equal(["level", "message", "extra"], l.EnumerateObject().Select(p => p.Name)));
        Assert.Contains(process.Logs, l => l.GetProperty("message").GetString()!.StartsWith(
            "The secret at $.api_key is only 1 character(s) long, too short to mask safely", StringComparison.Ordinal));
        Assert.Contains(process.Logs, l => l.GetProperty("message").GetString() == "probe OnStart Console.Out, raw: ****");
        Assert.Contains(process.Logs, l => l.GetProperty("message").GetString() == "Serving commands: one JSON object per line on stdin (at most 16777216 bytes), responses on stdout.");
    }

    [Fact]
    public async Task Under_Airbyte_a_short_secret_is_a_LOG_WARN_and_masked_where_it_stands_alone()
    {
        var run = await Connector.Probe.RunAsync("check", "--config", TestFiles.Json("config", new { api_key = "k9", password = Password }));

        var warning = Assert.Single(run.Logs, l => l.GetProperty("message").GetString()!.StartsWith("The secret at", StringComparison.Ordinal));
        Assert.Equal("WARN", warning.GetProperty("level").GetString());
        Assert.Equal("The secret at $.api_key is only 2 character(s) long, too short to mask safely: it is masked only where no letter or digit touches it,"
            + " and its base64 forms are not masked. Use a secret of at least 6 characters.", warning.GetProperty("message").GetString());
        Assert.Contains(run.Logs, l => l.GetProperty("message").GetString() == "probe check log message, raw: ****");
        Assert.DoesNotContain(" k9", run.Stdout + run.Stderr);
    }

    /// <summary>No form of any secret anywhere, and every channel of <paramref name="where"/> did print every form (masked).</summary>
    private static void AssertMasked(string stdout, string stderr, string where, IReadOnlyList<string> secrets)
    {
        AssertNoForm(stdout, stderr, secrets);
        var all = string.Join("\n", Strings(stdout).Concat(Strings(stderr)));
        foreach (var channel in new[] { "log message", "log value", "Console.Out", "Console.Error" })
        {
            foreach (var (name, _) in SecretLeaks.Forms("x", User))
            {
                Assert.Contains($"probe {where} {channel}, {name}: ", all);
            }
            Assert.Contains($"probe {where} {channel}, raw: ****", all);
        }
        Assert.Contains($"probe {where} pieces: ****", all);
        Assert.Contains($"probe {where} unfinished line: ****", all);
        Assert.Contains("401 for ****", all);
        Assert.Contains("inner ****", all);
        Assert.Contains("innermost ****", all);
    }

    /// <summary>The lines of an output, and the string values of those that are JSON, decoded.</summary>
    private static IEnumerable<string> Strings(string output)
    {
        foreach (var line in output.Split('\n'))
        {
            yield return line;
            JsonElement parsed;
            try
            {
                using var document = JsonDocument.Parse(line);
                parsed = document.RootElement.Clone();
            }
            catch (JsonException)
            {
                continue;
            }
            foreach (var text in Values(parsed))
            {
                yield return text;
            }
        }
    }

    private static IEnumerable<string> Values(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => [element.GetString()!],
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Values(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Values),
        _ => [],
    };

    private static void AssertNoForm(string stdout, string stderr, IReadOnlyList<string> secrets)
    {
        foreach (var secret in secrets)
        {
            foreach (var (name, text) in SecretLeaks.Forms(secret, User))
            {
                Assert.False(stdout.Contains(text, StringComparison.Ordinal), $"stdout shows the secret {secret} {name}: {text}");
                Assert.False(stderr.Contains(text, StringComparison.Ordinal), $"stderr shows the secret {secret} {name}: {text}");
            }
        }
    }

    private static (string Stdout, string Stderr) Output(ConnectorProcess process) => (process.StdoutText, process.StderrText);
}
