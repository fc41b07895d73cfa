using System;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Connectors.Testing.Processes;
using Connectors.Testing.Session;
using Connectors.Testing.Validation;
using Json.Schema;

namespace Connectors.Testing;

public abstract partial class ConnectorAcceptanceTests<TConnector>
{
    /// <summary>
    /// <c>spec</c> exits 0 and prints exactly one SPEC, every line a valid AirbyteMessage, whose connectionSpecification is
    /// well-formed draft-07 JSON Schema (a destination's also lists its supported_destination_sync_modes).
    /// </summary>
    [ConnectorRule]
    public async Task Spec_prints_one_SPEC_with_a_draft07_connection_specification()
    {
        var run = await SpecRunAsync();
        var problems = new RuleProblems();
        ExitedWith(0, run, problems);
        foreach (var problem in run.ProtocolProblems)
        {
            problems.Add(problem, run);
        }
        var specs = run.OfType("SPEC").ToList();
        if (specs.Count != 1)
        {
            problems.Add($"{specs.Count} SPEC messages, not one", run);
        }
        else if (Message.Payload(Message.Payload(specs[0], "spec"), "connectionSpecification") is not { ValueKind: JsonValueKind.Object } specification)
        {
            problems.Add("the SPEC has no connectionSpecification object", run);
        }
        else
        {
            foreach (var problem in SchemaRules.Draft07Problems(specification))
            {
                problems.Add("connectionSpecification " + problem, run);
            }
            try
            {
                ProtocolSchema.BuildDraft07(specification);
            }
            catch (Exception ex) when (ProtocolSchema.IsBuildFailure(ex))
            {
                problems.Add($"the connectionSpecification is not a JSON Schema: {ex.Message}", run);
            }
            if (TConnector.Descriptor.Kind == ConnectorKind.Destination
                && Message.Payload(Message.Payload(specs[0], "spec"), "supported_destination_sync_modes") is not { ValueKind: JsonValueKind.Array } modes)
            {
                problems.Add("a destination's SPEC lists no supported_destination_sync_modes", run);
            }
        }
        problems.ThrowIfAny("spec must print one valid SPEC");
    }

    /// <summary>
    /// The connectionSpecification uses only what Airbyte accepts: no <c>$ref</c>, <c>allOf</c>, <c>anyOf</c>, <c>not</c>,
    /// <c>patternProperties</c> and the like; type lists only <c>[T]</c> or <c>[T, "null"]</c>; additionalProperties
    /// true or absent; enums without repeats; oneOf options with one const discriminator; order and group used as the UI
    /// expects; no nested object without properties.
    /// </summary>
    [ConnectorRule]
    public async Task Spec_keeps_to_Airbyte_schema_rules()
    {
        var specification = await RequireSpecAsync();
        var problems = new RuleProblems();
        foreach (var problem in SchemaRules.AirbyteProblems(specification))
        {
            problems.Add("connectionSpecification " + problem);
        }
        problems.ThrowIfAny("the spec must keep to Airbyte's schema rules");
    }

    /// <summary>
    /// Every property named like a credential (password, token, api_key, …) that holds text or a number is marked
    /// <c>airbyte_secret: true</c>, and only such properties are.
    /// </summary>
    [ConnectorRule]
    public async Task Spec_marks_every_secret_with_airbyte_secret()
    {
        var specification = await RequireSpecAsync();
        var problems = new RuleProblems();
        foreach (var problem in SchemaRules.SecretProblems(specification, PropertiesThatAreNotSecrets.ToList()))
        {
            problems.Add("connectionSpecification " + problem);
        }
        problems.ThrowIfAny("secrets must be marked airbyte_secret, and only secrets");
    }

    /// <summary>The test's <see cref="Config"/> is valid against the connectionSpecification (keys starting with '_' aside).</summary>
    [ConnectorRule]
    public async Task Config_is_valid_against_the_spec()
    {
        var specification = await RequireSpecAsync();
        var problems = new RuleProblems();
        JsonSchema schema;
        try
        {
            schema = ProtocolSchema.BuildDraft07(specification);
        }
        catch (Exception ex) when (ProtocolSchema.IsBuildFailure(ex))
        {
            throw new RuleNotApplicableException($"The connectionSpecification does not build as a schema ({ex.Message}): see {nameof(Spec_prints_one_SPEC_with_a_draft07_connection_specification)}.");
        }
        foreach (var problem in ProtocolSchema.Problems(schema, Configs.WithoutPrivateKeys(Config)))
        {
            problems.Add("the config " + problem);
        }
        problems.ThrowIfAny("the config must be valid against the spec");
    }

    /// <summary>Adds a problem unless the run ended by itself with <paramref name="exitCode"/>.</summary>
    internal static void ExitedWith(int exitCode, ProcessRun run, RuleProblems problems)
    {
        if (run.TimedOut)
        {
            problems.Add($"did not end within {run.Timeout.TotalSeconds:0} s and was killed", run);
        }
        else if (run.ExitCode != exitCode)
        {
            problems.Add($"exit code {run.ExitCode}, not {exitCode}", run);
        }
    }
}
