namespace Connectors.Client.Secrets;

/// <summary>
/// Where secrets referenced from a config come from. A config value <c>"secret_reference::NAME"</c> is replaced, when a
/// connector runs, by the first provider's value for NAME.
/// </summary>
public interface ISecretProvider
{
    /// <summary>The provider's name, for messages (<c>environment</c>, <c>.env file /path</c>).</summary>
    string Name { get; }

    /// <summary>The secret called <paramref name="name"/>, or null when this provider has none.</summary>
    string? GetSecret(string name);
}
