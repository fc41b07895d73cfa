namespace Connectors;

/// <summary>The outcome of a connector's <see cref="CheckAttribute">check</see>.</summary>
public sealed class CheckResult
{
    private CheckResult(bool succeeded, string? message)
    {
        Succeeded = succeeded;
        Message = message;
    }

    /// <summary>True when the configuration works.</summary>
    public bool Succeeded { get; }

    /// <summary>What the user should know: why the check failed, or an optional note on success.</summary>
    public string? Message { get; }

    /// <summary>The configuration works.</summary>
    public static CheckResult Success(string? message = null) => new(true, message);

    /// <summary>The configuration does not work; <paramref name="message"/> tells the user what to fix.</summary>
    public static CheckResult Failed(string message) => new(false, message);
}
