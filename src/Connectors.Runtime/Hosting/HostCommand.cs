using System;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace Connectors.Runtime.Hosting;

/// <summary>One command a connector process understands (<c>spec</c>, <c>read</c>, …), and how to run it.</summary>
/// <typeparam name="TConnector">The author's connector class.</typeparam>
public sealed class HostCommand<TConnector> where TConnector : class
{
    /// <summary>The command word.</summary>
    public required string Name { get; init; }

    /// <summary>One line for the usage text.</summary>
    public required string Summary { get; init; }

    /// <summary>Options the command needs (without dashes).</summary>
    public IReadOnlyList<string> RequiredOptions { get; init; } = Array.Empty<string>();

    /// <summary>Options the command accepts besides the required ones.</summary>
    public IReadOnlyList<string> OptionalOptions { get; init; } = Array.Empty<string>();

    /// <summary>What an option's value is, for the synopsis, when it is not a file (option name → text such as <c>RUNNING|IDLE</c>).</summary>
    public IReadOnlyDictionary<string, string> OptionValues { get; init; } = new Dictionary<string, string>();

    /// <summary>Names of positional arguments (all required).</summary>
    public IReadOnlyList<string> Arguments { get; init; } = Array.Empty<string>();

    /// <summary>Runs the command and returns the exit code.</summary>
    public required Func<HostContext<TConnector>, Task<int>> RunAsync { get; init; }

    /// <summary>The command's synopsis, for example <c>read --config &lt;file&gt; --catalog &lt;file&gt; [--state &lt;file&gt;]</c>.</summary>
    public string Synopsis
    {
        get
        {
            var parts = new List<string> { Name };
            foreach (var argument in Arguments)
            {
                parts.Add("<" + argument + ">");
            }
            foreach (var option in RequiredOptions)
            {
                parts.Add("--" + option + " " + ValueOf(option));
            }
            foreach (var option in OptionalOptions)
            {
                parts.Add("[--" + option + " " + ValueOf(option) + "]");
            }
            return string.Join(" ", parts);
        }
    }

    private string ValueOf(string option) => "<" + (OptionValues.TryGetValue(option, out var value) ? value : "file") + ">";
}
