namespace Connectors.Generators.Model;

/// <summary>What decides whether a <c>Main</c> is generated: an executable, without its own entry point, not switched off.</summary>
/// <param name="IsExecutable">The project builds an executable.</param>
/// <param name="HasOwnEntryPoint">The project declares a Main or top-level statements.</param>
/// <param name="Disabled">The MSBuild property <c>ConnectorsGenerateEntryPoint</c> is false.</param>
internal sealed record EntryPointOptions(bool IsExecutable, bool HasOwnEntryPoint, bool Disabled)
{
    public bool Wanted => IsExecutable && !HasOwnEntryPoint && !Disabled;
}
