namespace Connectors.Runtime.Airbyte;

/// <summary>A stream's identity in the protocol: its name and optional namespace.</summary>
public readonly record struct StreamKey(string Name, string? Namespace)
{
    /// <inheritdoc />
    public override string ToString() => Namespace is null ? Name : Namespace + "." + Name;
}
