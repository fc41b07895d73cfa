using System.Collections.Generic;
using System.Linq;
using System.Text;
using Connectors.Testing.Processes;

namespace Connectors.Testing.Session;

/// <summary>What a rule found wrong, and the runs that show it; thrown as one failure listing every problem.</summary>
internal sealed class RuleProblems
{
    private readonly List<string> _problems = new();
    private readonly List<ProcessRun> _evidence = new();

    public bool Any => _problems.Count > 0;

    /// <summary>Adds a problem, and the run it was seen in (described once in the failure).</summary>
    public void Add(string problem, ProcessRun? run = null)
    {
        _problems.Add(problem);
        if (run is not null && !_evidence.Contains(run))
        {
            _evidence.Add(run);
        }
    }

    /// <summary>Fails the rule when a problem was found.</summary>
    public void ThrowIfAny(string rule)
    {
        if (_problems.Count == 0)
        {
            return;
        }
        var text = new StringBuilder();
        text.Append(rule).Append(": ").Append(_problems.Count).Append(_problems.Count == 1 ? " problem" : " problems").Append('\n');
        foreach (var problem in _problems.Take(25))
        {
            text.Append("- ").Append(problem).Append('\n');
        }
        if (_problems.Count > 25)
        {
            text.Append("- … and ").Append(_problems.Count - 25).Append(" more\n");
        }
        foreach (var run in _evidence.Take(3))
        {
            text.Append('\n').Append(run.Describe()).Append('\n');
        }
        throw new Xunit.Sdk.XunitException(text.ToString());
    }
}
