namespace Connectors.Runtime;

/// <summary>A key of a configuration object that names none of its properties, so binding ignores it.</summary>
/// <param name="Path">The key's JSON path, for example <c>$.credentials.clientid</c>.</param>
/// <param name="Key">The key as written.</param>
/// <param name="Suggestion">The known property it most likely misspells, or null when none is close.</param>
public sealed record UnknownProperty(string Path, string Key, string? Suggestion)
{
    /// <summary>The problem in words: <c>unknown property (did you mean "count"?)</c>.</summary>
    public string Problem => "unknown property" + (Suggestion is null ? "" : " (did you mean " + ConfigReader.Quote(Suggestion) + "?)");
}
