using System;
using System.IO;
using System.Threading.Tasks;
using Connectors.Runtime.Commands;
using Connectors.Runtime.Hosting;
using Connectors.Runtime.Tests.Host;
using Connectors.Runtime.Tests.Support;
using Xunit;

namespace Connectors.Runtime.Tests.Commands;

/// <summary>
/// <c>command</c> with a log file (<c>CONNECTOR_LOG_FILE</c>): what the command logged is in the file when the process
/// exits, though the periodic flush is far off. Runs alone: it sets the process environment.
/// </summary>
[Collection(nameof(EnvironmentCollection))]
public sealed class CommandLogFileTests
{
    [Fact]
    public async Task The_log_of_a_one_shot_command_is_in_the_log_file_when_it_exits()
    {
        using var run = new CommandHostRun();
        var logFile = run.Folder.Missing("connector.log");
        var payload = run.Folder.Write("payload.json", """{"message":"it broke"}""");
        var saved = (File: Environment.GetEnvironmentVariable("CONNECTOR_LOG_FILE"), Interval: Environment.GetEnvironmentVariable("LOG_FLUSH_INTERVAL_SECONDS"));
        Environment.SetEnvironmentVariable("CONNECTOR_LOG_FILE", logFile);
        Environment.SetEnvironmentVariable("LOG_FLUSH_INTERVAL_SECONDS", "3600");
        try
        {
            await run.RunAsync(OneShotCommand.RunAsync, ["command", "Test.Throw", "--payload", payload]);
        }
        finally
        {
            Environment.SetEnvironmentVariable("CONNECTOR_LOG_FILE", saved.File);
            Environment.SetEnvironmentVariable("LOG_FLUSH_INTERVAL_SECONDS", saved.Interval);
        }

        Assert.Equal(ExitCodes.Failure, run.ExitCode);
        Assert.Contains("Test.Throw failed: it broke", File.ReadAllText(logFile));
    }
}
