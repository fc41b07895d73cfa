using System.Linq;
using Connectors.Runtime.Hosting;
using Xunit;

namespace Connectors.Runtime.Tests.Units;

public sealed class CommandLineTests
{
    private static CommandLine Parse(params string[] args)
    {
        Assert.True(CommandLine.TryParse(args, out var commandLine, out var error), error);
        Assert.Null(error);
        return commandLine;
    }

    private static string Fails(params string[] args)
    {
        Assert.False(CommandLine.TryParse(args, out _, out var error));
        return error!;
    }

    [Fact]
    public void Parses_the_command_its_options_and_switches()
    {
        var commandLine = Parse("read", "--config", "c.json", "--catalog=cat.json", "--debug");

        Assert.Equal("read", commandLine.Command);
        Assert.Equal("c.json", commandLine.Option("config"));
        Assert.Equal("cat.json", commandLine.Option("catalog"));
        Assert.Null(commandLine.Option("state"));
        Assert.True(commandLine.Debug);
        Assert.False(commandLine.Help);
        Assert.Empty(commandLine.Arguments);
        Assert.Equal(new[] { "catalog", "config" }, commandLine.OptionNames.OrderBy(n => n));
    }

    [Fact]
    public void Values_may_contain_equals_signs_and_start_with_a_single_dash()
    {
        var commandLine = Parse("check", "--config=a=b.json", "--state", "-");

        Assert.Equal("a=b.json", commandLine.Option("config"));
        Assert.Equal("-", commandLine.Option("state"));
    }

    [Fact]
    public void Words_after_the_command_are_arguments()
    {
        var commandLine = Parse("spec", "extra", "more");

        Assert.Equal(new[] { "extra", "more" }, commandLine.Arguments);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("help")]
    public void Recognises_help(string flag)
    {
        var commandLine = Parse(flag);

        Assert.True(commandLine.Help);
        Assert.Null(commandLine.Command);
    }

    [Fact]
    public void Help_after_a_command_is_an_argument_unless_it_is_a_flag()
    {
        Assert.Equal(new[] { "help" }, Parse("spec", "help").Arguments);
        Assert.True(Parse("spec", "--help").Help);
    }

    [Fact]
    public void No_arguments_is_no_command()
    {
        var commandLine = Parse();

        Assert.Null(commandLine.Command);
        Assert.False(commandLine.Debug);
    }

    [Theory]
    [InlineData("Option --config is given twice.", "check", "--config", "a", "--config", "b")]
    [InlineData("Option --config needs a value.", "check", "--config")]
    [InlineData("Option --config needs a value.", "check", "--config", "--debug")]
    [InlineData("Option --config needs a value.", "check", "--config=")]
    [InlineData("Unknown option '-x'.", "check", "-x")]
    public void Rejects_malformed_options(string expected, params string[] args) => Assert.Equal(expected, Fails(args));
}
