using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Connectors.Runtime.Logging;
using Connectors.Runtime.Secrets;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Connectors.Runtime.Tests.Commands;

/// <summary>The structured JSON logger: line shape, level names, extra fields, child loggers, scopes, run-time levels and masking.</summary>
public sealed class StructuredLoggerTests
{
    private readonly StringWriter _output = new();
    private readonly LogLevelSwitch _level = new(LogLevel.Information);
    private readonly SecretMasker _masker = new();

    [Fact]
    public void An_entry_is_one_line_of_level_message_and_extra_with_the_logger_name_as_context()
    {
        Provider().CreateLogger("instrument").LogInformation("Ready.");

        Assert.Equal("""{"level":"info","message":"Ready.","extra":{"context":"instrument"}}""" + "\n", _output.ToString());
    }

    [Theory]
    [InlineData(LogLevel.Debug, "debug")]
    [InlineData(LogLevel.Information, "info")]
    [InlineData(LogLevel.Warning, "warning")]
    [InlineData(LogLevel.Error, "error")]
    [InlineData(LogLevel.Critical, "critical")]
    public void Levels_have_the_SDKs_names(LogLevel level, string name)
    {
        _level.Minimum = LogLevel.Debug;

        Provider().CreateLogger("x").Log(level, "m");

        Assert.Equal(name, Single().GetProperty("level").GetString());
    }

    [Fact]
    public void Message_template_arguments_become_extra_fields_with_their_json_types()
    {
        Provider().CreateLogger("x").LogInformation("Ingested {Count} files from {Folder} ({Ok}, {Ratio}).", 3, "/data", true, 0.5);

        var line = Single();
        Assert.Equal("Ingested 3 files from /data (True, 0.5).", line.GetProperty("message").GetString());
        Assert.Equal("""{"context":"x","Count":3,"Folder":"/data","Ok":true,"Ratio":0.5}""", line.GetProperty("extra").GetRawText());
    }

    [Fact]
    public void A_child_logger_adds_a_name_suffix_and_merges_its_extra_over_its_parents()
    {
        var parent = Provider().CreateLogger("parent_logger", [new("foo", "bar"), new("baz", "bazoo")]);

        var child = parent.Child("child_logger", [new("baz", "qux")]);
        child.LogInformation("my message");

        Assert.Equal("parent_logger.child_logger", child.Name);
        Assert.Equal("""{"context":"parent_logger.child_logger","foo":"bar","baz":"qux"}""", Single().GetProperty("extra").GetRawText());
    }

    [Fact]
    public void Scopes_of_key_value_pairs_add_fields_while_open()
    {
        var logger = Provider().CreateLogger("x");

        using (logger.BeginScope(new Dictionary<string, object?> { ["run"] = 7 }))
        {
            logger.LogInformation("inside");
        }
        logger.LogInformation("outside");

        var lines = Lines();
        Assert.Equal("""{"context":"x","run":7}""", lines[0].GetProperty("extra").GetRawText());
        Assert.Equal("""{"context":"x"}""", lines[1].GetProperty("extra").GetRawText());
    }

    [Fact]
    public void The_context_field_is_always_the_logger_name()
    {
        Provider().CreateLogger("x", [new("context", "other")]).LogInformation("{context}", "again");

        Assert.Equal("""{"context":"x"}""", Single().GetProperty("extra").GetRawText());
    }

    [Fact]
    public void The_level_can_change_while_loggers_exist()
    {
        var logger = Provider().CreateLogger("x");

        logger.LogDebug("hidden");
        _level.Minimum = LogLevel.Debug;
        logger.LogDebug("shown");
        _level.Minimum = LogLevel.Error;
        logger.LogWarning("hidden too");

        Assert.Equal(["shown"], Lines().Select(l => l.GetProperty("message").GetString()));
    }

    [Fact]
    public void An_exception_goes_into_extra_and_secrets_are_masked_everywhere()
    {
        _masker.Add(["hunter2"]);

        Provider().CreateLogger("x").LogError(new InvalidOperationException("bad key hunter2"), "Login with {Key} failed: hunter2", "hunter2");

        var line = Single();
        Assert.Equal("Login with **** failed: ****", line.GetProperty("message").GetString());
        Assert.Equal("****", line.GetProperty("extra").GetProperty("Key").GetString());
        Assert.StartsWith("System.InvalidOperationException: bad key ****", line.GetProperty("extra").GetProperty("exception").GetString());
        Assert.DoesNotContain("hunter2", _output.ToString());
    }

    [Fact]
    public void Child_on_a_logger_that_is_not_structured_returns_it_unchanged()
    {
        var logger = Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

        Assert.Same(logger, logger.Child("x"));
    }

    [Theory]
    [InlineData("DEBUG", LogLevel.Debug)]
    [InlineData("info", LogLevel.Information)]
    [InlineData("Warning", LogLevel.Warning)]
    [InlineData("ERROR", LogLevel.Error)]
    [InlineData("CRITICAL", LogLevel.Critical)]
    public void SetLogLevel_names_parse_in_any_case(string name, LogLevel level)
    {
        Assert.True(LogLevelNames.TryParse(name, out var parsed));
        Assert.Equal(level, parsed);
        Assert.Equal(name.ToUpperInvariant(), LogLevelNames.ToSetting(parsed));
    }

    [Theory]
    [InlineData("NOTSET")]
    [InlineData("TRACE")]
    [InlineData(null)]
    public void Other_level_names_do_not_parse(string? name) => Assert.False(LogLevelNames.TryParse(name, out _));

    private StructuredLoggerProvider Provider() => new(_output, _level, _masker);

    private JsonElement Single() => Assert.Single(Lines());

    private List<JsonElement> Lines() =>
        _output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
}
