using System;
using System.Collections.Generic;
using System.IO;

namespace Connectors.Client.Secrets;

/// <summary>
/// Secrets from a <c>.env</c> file: <c>NAME=value</c> lines, with optional <c>export </c>, single or double quotes (double
/// quotes understand <c>\n</c>, <c>\"</c> and <c>\\</c>), <c>#</c> comments and blank lines. Read once, when first asked.
/// </summary>
public sealed class DotEnvSecretProvider : ISecretProvider
{
    private readonly Lazy<Dictionary<string, string>> _values;

    /// <summary>The file at <paramref name="path"/>; a missing file provides nothing.</summary>
    public DotEnvSecretProvider(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        _values = new Lazy<Dictionary<string, string>>(() => File.Exists(Path) ? Parse(File.ReadAllLines(Path)) : new());
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public string Name => ".env file " + Path;

    /// <inheritdoc />
    public string? GetSecret(string name) => _values.Value.TryGetValue(name, out var value) ? value : null;

    internal static Dictionary<string, string> Parse(IEnumerable<string> lines)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }
            if (line.StartsWith("export ", StringComparison.Ordinal))
            {
                line = line[7..].TrimStart();
            }
            var equals = line.IndexOf('=');
            if (equals <= 0)
            {
                continue;
            }
            var name = line[..equals].Trim();
            var value = line[(equals + 1)..].Trim();
            if (value.Length >= 2 && value[0] == '"' && value[^1] == '"')
            {
                value = value[1..^1].Replace("\\n", "\n").Replace("\\\"", "\"").Replace("\\\\", "\\");
            }
            else if (value.Length >= 2 && value[0] == '\'' && value[^1] == '\'')
            {
                value = value[1..^1];
            }
            else
            {
                var comment = value.IndexOf(" #", StringComparison.Ordinal);
                if (comment >= 0)
                {
                    value = value[..comment].TrimEnd();
                }
            }
            values[name] = value;
        }
        return values;
    }
}
