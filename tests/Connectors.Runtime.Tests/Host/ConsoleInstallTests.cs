using System;
using System.IO;
using Connectors.Runtime.Hosting;
using Xunit;

namespace Connectors.Runtime.Tests.Host;

/// <summary>
/// <see cref="HostIO.FromConsole"/> replaces the test process's <c>Console.Out</c> and <c>Console.Error</c>, so it runs
/// alone (with the tests that change the environment) and puts them back. The crash and process-exit handlers it adds
/// stay: they write to the stderr it found.
/// </summary>
[Collection(nameof(EnvironmentCollection))]
public sealed class ConsoleInstallTests
{
    [Fact]
    public void The_real_console_writes_what_connector_code_prints_masked_to_stderr_with_the_hosts_masker()
    {
        var (savedOut, savedError) = (Console.Out, Console.Error);
        var stderr = new StringWriter();
        Console.SetError(stderr);
        HostIO io;
        try
        {
            io = HostIO.FromConsole();
            io.Masker!.Add("sw0rdfish-42");
            Console.WriteLine("out sw0rdfish-42");
            Console.Error.WriteLine("error sw0rdfish-42");
            Assert.NotNull(io.Console);
            io.Console.Flush();
        }
        finally
        {
            Console.SetOut(savedOut);
            Console.SetError(savedError);
        }
        io.Stdout.Dispose();
        io.Stdin.Dispose();

        Assert.Equal("out ****\nerror ****\n", stderr.ToString().ReplaceLineEndings("\n"));
        Assert.Same(io.Masker, io.Console.Masker);
    }
}
