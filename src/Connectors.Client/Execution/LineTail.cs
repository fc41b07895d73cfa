using System.Collections.Generic;

namespace Connectors.Client.Execution;

/// <summary>The last lines of a text (stderr, logs), kept for error reports. Thread-safe.</summary>
internal sealed class LineTail
{
    private readonly Queue<string> _lines = new();
    private readonly int _capacity;

    public LineTail(int capacity) => _capacity = capacity;

    public void Add(string line)
    {
        lock (_lines)
        {
            if (_lines.Count == _capacity)
            {
                _lines.Dequeue();
            }
            _lines.Enqueue(line);
        }
    }

    public IReadOnlyList<string> ToList()
    {
        lock (_lines)
        {
            return _lines.ToArray();
        }
    }
}
