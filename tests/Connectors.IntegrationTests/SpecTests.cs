using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Connectors.IntegrationTests.Infrastructure;
using Xunit;

namespace Connectors.IntegrationTests;

/// <summary><c>spec</c>: one SPEC whose connectionSpecification is a draft-07 schema Airbyte's acceptance tests accept.</summary>
public class SpecTests
{
    [Theory]
    [MemberData(nameof(Connector.All), MemberType = typeof(Connector))]
    public async Task Spec_prints_exactly_one_SPEC_and_exits_0(string name)
    {
        var run = await Connector.Named(name).RunAsync("spec");

        Assert.True(run.ExitCode == 0, run.Describe());
        var message = Assert.Single(run.Messages, m => m.GetProperty("type").GetString() != "LOG");
        Assert.Equal("SPEC", message.GetProperty("type").GetString());
        Assert.Equal(JsonValueKind.Object, message.GetProperty("spec").GetProperty("connectionSpecification").ValueKind);
    }

    [Theory]
    [MemberData(nameof(Connector.All), MemberType = typeof(Connector))]
    public async Task Spec_writes_the_line_the_full_host_writes(string name)
    {
        // A generated Main answers `spec` from the build-time spec without System.Text.Json (docs/aot.md); `spec --debug`
        // always runs the full host and its JSON writer. The SPEC lines must be the same bytes.
        var connector = Connector.Named(name);
        var shortcut = await connector.RunAsync("spec");
        var full = await connector.RunAsync("spec", "--debug");

        Assert.True(full.ExitCode == 0, full.Describe());
        var fullSpec = Assert.Single(full.Lines, l => l.StartsWith("{\"type\":\"SPEC\"", System.StringComparison.Ordinal));
        Assert.Equal([fullSpec], shortcut.Lines);
    }

    [Theory]
    [InlineData("source-faker", ">")]
    [InlineData("source-faker", ">>")]
    [InlineData("destination-journal", ">")]
    public async Task Spec_into_a_file_leaves_stdout_after_its_line(string name, string redirection)
    {
        // `spec` writes the SPEC line through a FileStream over descriptor 1, not the console (docs/aot.md): a source's
        // line from its build-time spec, a destination's from its description. Into a file, that stream writes at the
        // descriptor's offset without moving it unless told to; what the shell writes next must follow the line.
        var connector = Connector.Named(name);
        var expected = Assert.Single((await connector.RunAsync("spec")).Lines);
        var output = TestFiles.Write("spec-into-a-file.txt", "");
        var program = connector.StartInfo(["spec"], environment: null);
        var shell = new ProcessStartInfo("/bin/sh")
        {
            UseShellExecute = false,
            RedirectStandardError = true,
            WorkingDirectory = program.WorkingDirectory,
        };
        shell.ArgumentList.Add("-c");
        shell.ArgumentList.Add($"{{ echo before; \"$@\" || exit $?; echo after; }} {redirection} \"$SPEC_OUTPUT\"");
        shell.ArgumentList.Add("sh");
        shell.ArgumentList.Add(program.FileName);
        foreach (var argument in program.ArgumentList)
        {
            shell.ArgumentList.Add(argument);
        }
        foreach (var (variable, value) in program.Environment)
        {
            shell.Environment[variable] = value;
        }
        shell.Environment["SPEC_OUTPUT"] = output;

        using var process = Process.Start(shell)!;
        using var timeout = new CancellationTokenSource(Connector.Timeout);
        var stderr = await process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);

        Assert.True(process.ExitCode == 0, stderr);
        Assert.Equal(["before", expected, "after"], File.ReadAllLines(output));
    }

    [Theory]
    [MemberData(nameof(Connector.All), MemberType = typeof(Connector))]
    public async Task ConnectionSpecification_is_a_well_formed_draft_07_object_schema(string name)
    {
        var specification = await ConnectionSpecificationAsync(Connector.Named(name));

        Assert.Empty(SchemaRules.Draft07Problems(specification));
        Assert.Equal("object", specification.GetProperty("type").GetString());
        ProtocolSchema.BuildDraft07(specification);
    }

    [Theory]
    [MemberData(nameof(Connector.All), MemberType = typeof(Connector))]
    public async Task ConnectionSpecification_keeps_to_what_the_acceptance_tests_allow(string name)
    {
        var specification = await ConnectionSpecificationAsync(Connector.Named(name));

        Assert.Empty(SchemaRules.AirbyteProblems(specification));
    }

    [Fact]
    public async Task Faker_sample_config_validates_against_the_spec()
    {
        var schema = ProtocolSchema.BuildDraft07(await ConnectionSpecificationAsync(Connector.Faker));
        var config = File.ReadAllText(Path.Combine(Connector.Faker.OutputDirectory, "config.json"));

        Assert.Empty(ProtocolSchema.Problems(schema, ProtocolSchema.Parse(config)));
    }

    [Fact]
    public async Task Kitchen_spec_marks_the_api_key_secret_and_required()
    {
        var specification = await ConnectionSpecificationAsync(Connector.Kitchen);

        var apiKey = specification.GetProperty("properties").GetProperty("api_key");
        Assert.True(apiKey.GetProperty("airbyte_secret").GetBoolean());
        Assert.Contains("api_key", specification.GetProperty("required").EnumerateArray().Select(r => r.GetString()));
    }

    /// <summary>Runs <c>spec</c> and returns its connectionSpecification.</summary>
    internal static async Task<JsonElement> ConnectionSpecificationAsync(Connector connector)
    {
        var run = await connector.RunAsync("spec");
        Assert.True(run.ExitCode == 0, run.Describe());
        return run.OfType("SPEC").Single().GetProperty("spec").GetProperty("connectionSpecification");
    }
}
