using System;

namespace Connectors.Execution.Internal;

/// <summary>Who a command runs as: the connection's user, or another through sudo and/or su.</summary>
internal readonly record struct Elevation(bool Sudo, string? SudoUser, string? SudoPassword, string? SuUser)
{
    public static Elevation None => default;

    public static Elevation Of(ShellCommand command) => new(command.Sudo, command.SudoUser, command.SudoPassword, command.SuUser);

    public static Elevation Of(PutFileOptions options) => new(options.Sudo, options.SudoUser, options.SudoPassword, null);

    public static Elevation Of(GetFileOptions options) => new(options.Sudo, options.SudoUser, options.SudoPassword, null);

    /// <summary>Sudo will be given a password through its standard input when it prompts.</summary>
    public bool AnswersPrompt => Sudo && !string.IsNullOrEmpty(SudoPassword);

    /// <summary>The same sudo, without su: what a command needs to signal processes the elevated command started.</summary>
    public Elevation SudoOnly => this with { SuUser = null };

    public void Validate()
    {
        if (SudoUser is not null && !Sudo)
        {
            throw new ArgumentException("sudo_user needs sudo.");
        }
        if (SudoUser is { Length: 0 } || SuUser is { Length: 0 })
        {
            throw new ArgumentException("A sudo or su user cannot be empty.");
        }
    }
}
