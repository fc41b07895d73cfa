using System;
using System.Linq;
using System.Threading.Tasks;
using Connectors.Testing.Processes;
using Connectors.Testing.Session;

namespace Connectors.Testing;

public abstract partial class ConnectorAcceptanceTests<TConnector>
{
    /// <summary>Runs every command the kind of connector has, failing ones included, so their output can be searched.</summary>
    private protected abstract Task RunEveryCommandAsync();

    /// <summary>
    /// No secret of the config (nor of <see cref="Secrets"/>) appears in any byte of stdout or stderr of any command the
    /// kit ran (<c>serve</c> and <c>command</c> too, for a connector with a command host), failing ones included: not as written, JSON-escaped, URL-encoded, or base64 (alone or as in
    /// <c>user:secret</c>).
    /// </summary>
    [ConnectorRule]
    public async Task Secrets_appear_in_no_output_of_any_command()
    {
        await SpecRunAsync();
        var secrets = AllSecrets();
        if (secrets.Count == 0)
        {
            throw new RuleNotApplicableException(
                $"The config sets no airbyte_secret property and Secrets is empty: nothing to search for (secrets shorter than {SecretForms.MinimumLength} characters are not searched).");
        }
        await RunEveryCommandAsync();
        await CommandHostRunsAsync();
        var problems = new RuleProblems();
        foreach (var run in Session.AllRuns())
        {
            var stdout = string.Join("\n", run.Lines);
            foreach (var secret in secrets)
            {
                foreach (var (form, text) in SecretForms.Of(secret))
                {
                    Leak(run, "stdout", stdout, secret, form, text, problems);
                    Leak(run, "stderr", run.Stderr, secret, form, text, problems);
                }
            }
        }
        problems.ThrowIfAny("secrets must appear in no output");
    }

    private static void Leak(ProcessRun run, string where, string output, string secret, string form, string text, RuleProblems problems)
    {
        var at = output.IndexOf(text, StringComparison.Ordinal);
        if (at < 0)
        {
            return;
        }
        var start = Math.Max(0, at - 60);
        var context = output[start..Math.Min(output.Length, at + text.Length + 60)].Replace(text, "<secret>").Replace("\n", "⏎");
        problems.Add($"{run.Command}: a secret ({secret.Length} characters) {form} on {where}: …{context}…");
    }
}
