using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Connectors;
using Connectors.Runtime;
using Microsoft.Extensions.Logging;

namespace Broken;

/// <summary>
/// A command host that keeps every rule of the acceptance kit: three commands (one with a nested payload object), start
/// and stop hooks, a secret it logs (masked by the runtime), a check that fails for the api key "wrong" and a
/// [ValidateConfig] that refuses it too.
/// </summary>
[Connector("reference-commands", Version = "0.1.0", Title = "Reference Command Host")]
public sealed partial class ReferenceCommandHost
{
    /// <summary>The key of the (imaginary) instrument.</summary>
    [ConfigProperty(Secret = true, Order = 0)]
    public required string ApiKey { get; set; }

    /// <summary>Seconds between two readings.</summary>
    [ConfigProperty(Minimum = 1, Order = 1)]
    public int IntervalSeconds { get; set; } = 60;

    /// <summary>Succeeds unless the key is "wrong".</summary>
    [Check]
    public CheckResult Check(ILogger logger)
    {
        logger.LogInformation("Checking with key {Key}.", ApiKey);
        return ApiKey == "wrong" ? CheckResult.Failed("The instrument refused the key.") : CheckResult.Success();
    }

    /// <summary>Refuses the key "wrong".</summary>
    [ValidateConfig]
    public CheckResult Validate() => ApiKey == "wrong" ? CheckResult.Failed("The instrument refuses the key.") : CheckResult.Success();

    /// <summary>Logs that the readings start.</summary>
    [OnStart]
    public void Started(ILogger logger) => logger.LogInformation("Reading every {Seconds} s with key {Key}.", IntervalSeconds, ApiKey);

    /// <summary>Logs that the readings stop.</summary>
    [OnStop]
    public void Stopped(ILogger logger) => logger.LogInformation("Stopped reading.");

    /// <summary>Says a text back, a number of times.</summary>
    /// <param name="text">What to say.</param>
    /// <param name="times">How often.</param>
    [Command("Reference.Connector.Echo")]
    public Echo Echo(string text, ILogger logger, int times = 1)
    {
        logger.LogInformation("Echoing {Text} with key {Key}.", text, ApiKey);
        return new Echo(string.Join(" ", Enumerable.Repeat(text, Math.Max(times, 1))));
    }

    /// <summary>Says where a reading would be filed.</summary>
    /// <param name="target">Where.</param>
    [Command("Reference.Connector.File")]
    public string FileReading(Target target) => target.Folder + "/" + target.Name;

    /// <summary>Waits, until cancelled.</summary>
    /// <param name="seconds">How long.</param>
    [Command("Reference.Connector.Wait")]
    public async Task<double> Wait(double seconds, CancellationToken cancellationToken)
    {
        await Task.Delay(TimeSpan.FromSeconds(seconds), cancellationToken);
        return seconds;
    }
}

/// <summary>Where File files a reading (a nested payload object: its fields are closed too).</summary>
public sealed record Target(string Folder, string Name);

/// <summary>What Echo says.</summary>
public sealed record Echo(string Said);
