using System;
using System.Text;

namespace Connectors.Client.Secrets;

/// <summary>
/// Asks a person for a secret on the terminal, without echoing it. Provides nothing when stdin is not a terminal (a CI
/// job, a pipe), so a missing secret fails instead of hanging.
/// </summary>
public sealed class PromptSecretProvider : ISecretProvider
{
    private readonly Func<string, string?>? _prompt;

    /// <summary>Prompts on the console.</summary>
    public PromptSecretProvider()
    {
    }

    /// <summary>Prompts through <paramref name="prompt"/> (given the secret's name; returns null for none).</summary>
    public PromptSecretProvider(Func<string, string?> prompt) => _prompt = prompt;

    /// <inheritdoc />
    public string Name => "prompt";

    /// <inheritdoc />
    public string? GetSecret(string name)
    {
        if (_prompt is not null)
        {
            return _prompt(name);
        }
        if (Console.IsInputRedirected || Console.IsErrorRedirected)
        {
            return null;
        }
        Console.Error.Write($"Secret {name}: ");
        var value = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                break;
            }
            if (key.Key == ConsoleKey.Backspace)
            {
                if (value.Length > 0) value.Length--;
                continue;
            }
            value.Append(key.KeyChar);
        }
        Console.Error.WriteLine();
        return value.Length == 0 ? null : value.ToString();
    }
}
