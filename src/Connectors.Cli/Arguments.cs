using System;
using System.Collections.Generic;

namespace Connectors.Cli;

/// <summary>A wrong command line: the message, then usage.</summary>
internal sealed class UsageException : Exception
{
    public UsageException(string message) : base(message)
    {
    }
}

/// <summary>The parsed command line: <c>COMMAND [POSITIONAL] [--option VALUE | --flag]…</c>.</summary>
internal sealed class Arguments
{
    private static readonly HashSet<string> Flags = new(StringComparer.Ordinal) { "--full-refresh", "--json", "--verbose", "--no-prompt", "--no-spec-cache", "--help", "-h" };

    private static readonly HashSet<string> Options = new(StringComparer.Ordinal)
    {
        "--source", "--destination", "--config", "--destination-config", "--streams", "--cache", "--home", "--env-file", "--state",
    };

    private readonly Dictionary<string, string> _options = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);

    public Arguments(IReadOnlyList<string> args)
    {
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            var equals = arg.StartsWith("--", StringComparison.Ordinal) ? arg.IndexOf('=') : -1;
            var name = equals > 0 ? arg[..equals] : arg;
            if (Flags.Contains(name))
            {
                _flags.Add(name == "-h" ? "--help" : name);
            }
            else if (Options.Contains(name))
            {
                var value = equals > 0 ? arg[(equals + 1)..] : i + 1 < args.Count ? args[++i] : throw new UsageException($"{name} needs a value.");
                if (!_options.TryAdd(name, value))
                {
                    throw new UsageException($"{name} is given twice.");
                }
            }
            else if (arg.StartsWith("-", StringComparison.Ordinal) && arg != "-")
            {
                throw new UsageException($"Unknown option {arg}.");
            }
            else if (Command is null)
            {
                Command = arg;
            }
            else
            {
                Positional.Add(arg);
            }
        }
    }

    public string? Command { get; }

    public List<string> Positional { get; } = new();

    public string? this[string option] => _options.TryGetValue(option, out var value) ? value : null;

    public bool Has(string flag) => _flags.Contains(flag);

    public string Require(string option) => this[option] ?? throw new UsageException($"{Command} needs {option}.");

    /// <summary>Fails for options the command does not take.</summary>
    public void Allow(params string[] allowed)
    {
        foreach (var option in _options.Keys)
        {
            if (Array.IndexOf(allowed, option) < 0 && option is not ("--home" or "--env-file"))
            {
                throw new UsageException($"{Command} does not take {option}.");
            }
        }
    }
}
