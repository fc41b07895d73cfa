using System;
using System.Collections.Generic;
using System.Threading;

namespace Connectors.Runtime.Logging;

/// <summary>The logging scopes open on the current async flow; scopes made of key/value pairs add fields to entries.</summary>
internal sealed class LogScopes
{
    private readonly AsyncLocal<Scope?> _current = new();

    public IDisposable Push(object state)
    {
        var scope = new Scope(state, _current.Value, this);
        _current.Value = scope;
        return scope;
    }

    /// <summary>The fields of the open scopes, outermost first.</summary>
    public IEnumerable<KeyValuePair<string, object?>> Current()
    {
        var chain = new List<Scope>();
        for (var scope = _current.Value; scope is not null; scope = scope.Parent)
        {
            chain.Add(scope);
        }
        for (var i = chain.Count - 1; i >= 0; i--)
        {
            if (chain[i].State is IEnumerable<KeyValuePair<string, object?>> fields)
            {
                foreach (var field in fields)
                {
                    yield return field;
                }
            }
        }
    }

    private sealed class Scope(object state, Scope? parent, LogScopes owner) : IDisposable
    {
        public object State { get; } = state;

        public Scope? Parent { get; } = parent;

        public void Dispose() => owner._current.Value = Parent;
    }
}
