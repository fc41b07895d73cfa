using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Threading.Tasks;
using Connectors.Client.Execution;
using Connectors.Client.Protocol;
using Connectors.Client.Tests.Infrastructure;
using Connectors.IntegrationTests.Infrastructure;
using Xunit;

namespace Connectors.Client.Tests;

/// <summary>Reading messages and typed records; failures as exceptions with the connector's words.</summary>
public sealed class ReadTests
{
    [Fact]
    public async Task Every_message_read_is_an_AirbyteMessage_and_records_bind_to_a_type()
    {
        var source = new Source(new LocalExecutor(Built.Faker), Configs.Faker(count: 30));
        var messages = new List<AirbyteMessage>();
        await foreach (var message in source.ReadAsync())
        {
            Assert.Empty(ProtocolSchema.ValidateMessage(message.Json.GetRawText(), out _));
            messages.Add(message);
        }
        var records = messages.Where(m => m.Type == MessageType.Record).Select(m => m.Record!.Value).ToList();
        Assert.Equal(30, records.Count(r => r.Stream == "users"));
        Assert.Equal(100, records.Count(r => r.Stream == "products"));
        Assert.Contains(messages, m => m.Type == MessageType.State);
        Assert.Contains(messages, m => m.Trace is { StreamStatus: "COMPLETE", StreamName: "purchases" });
        var user = records.First(r => r.Stream == "users").As(TestJson.Default.FakerUser);
        Assert.Equal(1, user.Id);
        Assert.False(string.IsNullOrEmpty(user.Email));
        Assert.True(records[0].EmittedAt > DateTimeOffset.UtcNow.AddMinutes(-10));

        var typed = new List<FakerUser>();
        await foreach (var u in source.ReadRecordsAsync("users", TestJson.Default.FakerUser))
        {
            typed.Add(u);
        }
        Assert.Equal(Enumerable.Range(1, 30), typed.Select(u => (int)u.Id));
    }

    [Fact]
    public async Task A_trace_error_becomes_an_exception_with_its_message_failure_type_and_log_tail()
    {
        var source = new Source(new LocalExecutor(Built.Kitchen), JsonNode.Parse("""{"api_key":"kitchen-key-123","records":6,"fail_after":2}""")!.AsObject());
        source.SelectStreams("numbers", "failing");
        var records = 0;
        var error = await Assert.ThrowsAsync<ConnectorFailedException>(async () =>
        {
            await foreach (var message in source.ReadAsync())
            {
                records += message.Type == MessageType.Record ? 1 : 0;
                Assert.DoesNotContain("kitchen-key-123", message.Json.GetRawText());
            }
        });
        Assert.Equal(6 + 2, records);
        Assert.Equal("read", error.Command);
        Assert.NotEqual(0, error.ExitCode);
        Assert.Equal("system_error", error.FailureType);
        Assert.Contains(error.Errors, e => e.Contains("rejected api key") && e.Contains("failing"));
        Assert.NotEmpty(error.LogTail);
        Assert.Contains("rejected api key", error.Message);
        Assert.DoesNotContain("kitchen-key-123", error.Message + string.Join("\n", error.LogTail) + string.Join("\n", error.StderrTail));
    }

    [Fact]
    public async Task A_non_zero_exit_without_a_trace_reports_the_tail_of_stderr()
    {
        using var temp = new TempDirectory();
        var script = temp.Write("crash.sh", "#!/bin/sh\necho 'connection reset by peer' >&2\necho 'giving up' >&2\nexit 7\n");
        System.IO.File.SetUnixFileMode(script, System.IO.UnixFileMode.UserRead | System.IO.UnixFileMode.UserExecute | System.IO.UnixFileMode.UserWrite);
        var source = new Source(new LocalExecutor(script), new JsonObject(), new ConnectorOptions { ValidateConfig = false });
        var error = await Assert.ThrowsAsync<ConnectorFailedException>(() => source.GetSpecAsync());
        Assert.Equal(7, error.ExitCode);
        Assert.Null(error.FailureType);
        Assert.Equal(["connection reset by peer", "giving up"], error.StderrTail);
        Assert.Contains("giving up", error.Message);
    }
}

public sealed record FakerUser(long Id, string Name, string Email, DateTimeOffset UpdatedAt);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(FakerUser))]
public sealed partial class TestJson : JsonSerializerContext
{
}
