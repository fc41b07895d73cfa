using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using Connectors;
using Microsoft.Extensions.Logging;

namespace Probe;

/// <summary>
/// A connector for the masking tests. In check, read, the command host's hooks and its commands, it prints both of its
/// secrets in every form of <see cref="SecretLeaks"/> through every channel code has: an ILogger (in messages, template
/// values and exceptions with inner and aggregate exceptions), Console.Out and Console.Error (whole lines, a secret written
/// in pieces, and a last line without a newline), and the messages of what it fails with.
/// </summary>
[Connector("probe-connector", Version = "0.1.0", Title = "Secret Probe")]
public sealed partial class ProbeConnector
{
    /// <summary>A secret with characters every encoding changes.</summary>
    [ConfigProperty(Secret = true, Order = 0)]
    public string ApiKey { get; set; } = "";

    /// <summary>A password with spaces, as a Basic authorization header carries it.</summary>
    [ConfigProperty(Secret = true, Order = 1)]
    public string Password { get; set; } = "";

    /// <summary>The user the password belongs to.</summary>
    [ConfigProperty(Order = 2)]
    public string User { get; set; } = "probe-user";

    /// <summary>When true, check starts a thread whose exception nobody catches: the process dies of it.</summary>
    [ConfigProperty(Order = 3)]
    public bool Crash { get; set; } = false;

    [Check]
    public CheckResult Check(ILogger logger)
    {
        Leak(logger, "check");
        if (Crash)
        {
            new Thread(() => throw new InvalidOperationException("The probe crashed with " + AllForms())).Start();
            Thread.Sleep(Timeout.Infinite);
        }
        throw Failure("check");
    }

    /// <summary>Leaks, yields a few records (without secrets: records are data, not masked), then fails.</summary>
    [Stream("items", PrimaryKey = nameof(ProbeItem.Id))]
    public IEnumerable<ProbeItem> Items(ILogger logger)
    {
        Leak(logger, "read");
        for (var id = 1; id <= 3; id++)
        {
            yield return new ProbeItem(id);
        }
        throw Failure("read");
    }

    [OnStart]
    public void Started(ILogger logger) => Leak(logger, "OnStart");

    [OnShutdown]
    public void ShuttingDown(ILogger logger) => Leak(logger, "OnShutdown");

    /// <summary>Leaks, then fails with an aggregate exception.</summary>
    [Command("Probe.Leak")]
    public void LeakCommand(ILogger logger)
    {
        Leak(logger, "Probe.Leak");
        throw Failure("Probe.Leak");
    }

    /// <summary>Returns every form in the response body.</summary>
    [Command("Probe.Forms")]
    public IReadOnlyList<string> FormsCommand() => Secrets().SelectMany(s => SecretLeaks.Forms(s, User)).Select(f => f.Text).ToList();

    private IEnumerable<string> Secrets() => [ApiKey, Password];

    private string AllForms() => string.Join(" | ", Secrets().SelectMany(s => SecretLeaks.Forms(s, User)).Select(f => $"{f.Name}: {f.Text}"));

    private void Leak(ILogger logger, string where)
    {
        foreach (var secret in Secrets())
        {
            foreach (var (name, text) in SecretLeaks.Forms(secret, User))
            {
                logger.LogInformation("probe " + where + " log message, " + name + ": " + text);
                logger.LogInformation("probe {Where} log value, {Name}: {Text}", where, name, text);
                Console.WriteLine($"probe {where} Console.Out, {name}: {text}");
                Console.Error.WriteLine($"probe {where} Console.Error, {name}: {text}");
            }
            // A secret written in pieces, as a progress printer or a logging library may.
            var half = secret.Length / 2;
            Console.Write($"probe {where} pieces: {secret[..half]}");
            Console.Write(secret[half..]);
            Console.WriteLine();
            logger.LogWarning(new HttpRequestException("401 for " + secret, new InvalidOperationException("inner " + secret)),
                "probe {Where} exception", where);
        }
        logger.LogError(Failure(where), "probe {Where} aggregate exception", where);
        // A last line without a newline: printed when the process flushes at its end.
        Console.Error.Write($"probe {where} unfinished line: {ApiKey}");
    }

    private Exception Failure(string where) => new InvalidOperationException($"probe {where} failed with {AllForms()}",
        new AggregateException("several failures",
            new HttpRequestException("Basic " + SecretLeaks.Forms(Password, User)[4].Text + " was refused"),
            new InvalidOperationException("inner " + ApiKey, new ArgumentException("innermost " + Password))));
}

/// <summary>A record of the probe's stream.</summary>
public sealed record ProbeItem(int Id);
