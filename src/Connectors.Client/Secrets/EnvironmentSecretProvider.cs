using System;

namespace Connectors.Client.Secrets;

/// <summary>Secrets from the process's environment variables.</summary>
public sealed class EnvironmentSecretProvider : ISecretProvider
{
    /// <inheritdoc />
    public string Name => "environment variables";

    /// <inheritdoc />
    public string? GetSecret(string name)
    {
        var value = Environment.GetEnvironmentVariable(name);
        return string.IsNullOrEmpty(value) ? null : value;
    }
}
