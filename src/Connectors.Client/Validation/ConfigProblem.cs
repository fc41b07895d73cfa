using System;
using System.Collections.Generic;
using System.Linq;

namespace Connectors.Client.Validation;

/// <summary>One way a config breaks its connector's spec: where (a JSON path such as <c>$.credentials.api_key</c>) and what.</summary>
/// <param name="Path">The JSON path of the offending value (<c>$</c> for the config itself).</param>
/// <param name="Message">What is wrong, secrets masked.</param>
public sealed record ConfigProblem(string Path, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Path}: {Message}";
}

/// <summary>A config does not match its connector's spec; <see cref="Problems"/> lists every problem with its JSON path.</summary>
public sealed class ConfigValidationException : ConnectorException
{
    internal ConfigValidationException(string connector, IReadOnlyList<ConfigProblem> problems)
        : base($"The config of {connector} does not match its spec:" + Environment.NewLine
            + string.Join(Environment.NewLine, problems.Select(p => "  " + p)))
    {
        Problems = problems;
    }

    /// <summary>The problems, each with its JSON path.</summary>
    public IReadOnlyList<ConfigProblem> Problems { get; }
}
