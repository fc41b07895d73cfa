using System;
using System.Collections.Generic;

namespace Connectors.Runtime.Hosting;

/// <summary>
/// A parsed command line: <c>&lt;command&gt; [arguments] [--option value]… [--debug] [--help]</c>. Options may also be
/// written <c>--option=value</c>.
/// </summary>
public sealed class CommandLine
{
    private readonly Dictionary<string, string> _options;

    private CommandLine(string? command, IReadOnlyList<string> arguments, Dictionary<string, string> options, bool debug, bool help)
    {
        Command = command;
        Arguments = arguments;
        _options = options;
        Debug = debug;
        Help = help;
    }

    /// <summary>The command (first word), if any.</summary>
    public string? Command { get; }

    /// <summary>Words after the command that are not options.</summary>
    public IReadOnlyList<string> Arguments { get; }

    /// <summary>True when <c>--debug</c> was given.</summary>
    public bool Debug { get; }

    /// <summary>True when <c>--help</c>, <c>-h</c> or the command <c>help</c> was given.</summary>
    public bool Help { get; }

    /// <summary>The names of the options given, without dashes.</summary>
    public IEnumerable<string> OptionNames => _options.Keys;

    /// <summary>The value of an option, or null.</summary>
    public string? Option(string name) => _options.TryGetValue(name, out var value) ? value : null;

    /// <summary>Parses arguments; returns false with a message when they are malformed.</summary>
    public static bool TryParse(string[] args, out CommandLine commandLine, out string? error)
    {
        string? command = null;
        var arguments = new List<string>();
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        var debug = false;
        var help = false;
        error = null;
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (arg is "--debug")
            {
                debug = true;
            }
            else if (arg is "--help" or "-h" || (arg == "help" && command is null))
            {
                help = true;
            }
            else if (arg.StartsWith("--", StringComparison.Ordinal) && arg.Length > 2)
            {
                var name = arg.Substring(2);
                string? value = null;
                var equals = name.IndexOf('=');
                if (equals >= 0)
                {
                    value = name.Substring(equals + 1);
                    name = name.Substring(0, equals);
                }
                else if (i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    value = args[++i];
                }
                // Missing, or empty (an empty file name would otherwise surface later as a crash, not a usage error).
                if (string.IsNullOrEmpty(value))
                {
                    error = $"Option --{name} needs a value.";
                    break;
                }
                if (options.ContainsKey(name))
                {
                    error = $"Option --{name} is given twice.";
                    break;
                }
                options[name] = value;
            }
            else if (arg.StartsWith("-", StringComparison.Ordinal) && arg.Length > 1)
            {
                error = $"Unknown option '{arg}'.";
                break;
            }
            else if (command is null)
            {
                command = arg;
            }
            else
            {
                arguments.Add(arg);
            }
        }
        commandLine = new CommandLine(command, arguments, options, debug, help);
        return error is null;
    }
}
