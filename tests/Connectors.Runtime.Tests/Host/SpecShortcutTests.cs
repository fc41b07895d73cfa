using System;
using System.IO;
using System.Text;
using System.Threading.Tasks;
using Connectors.Runtime.Hosting;
using Connectors.Runtime.Tests.Support;
using Xunit;

namespace Connectors.Runtime.Tests.Host;

/// <summary>
/// A console process's <c>spec</c> skips the host (<see cref="SpecShortcut"/>): it must write the bytes the full host's
/// <c>spec</c> writes, leave anything it cannot do to the full host, and exit 141 on a broken stdout as the host does.
/// </summary>
public sealed class SpecShortcutTests
{
    private static readonly string[] Spec = ["spec"];

    private static ConnectorDescriptor<TestSource> Destination(DestinationSyncModes modes) => new()
    {
        Name = "destination-test",
        Version = "1.0.0",
        Kind = ConnectorKind.Destination,
        DocumentationUrl = "https://example.com/docs/destination-test",
        ConfigSchema = TestSource.Schema,
        Create = () => new TestSource(),
        BindConfig = TestSource.Bind,
        Destination = new DestinationHandlers<TestSource> { SyncModes = modes, Write = (_, _) => ValueTask.CompletedTask },
    };

    private static ConnectorDescriptor<TestSource> Source(string? documentationUrl, string configSchema) => new()
    {
        Name = TestConnector.Name,
        Version = TestConnector.Version,
        DocumentationUrl = documentationUrl,
        ConfigSchema = configSchema,
        Create = () => new TestSource(),
        BindConfig = TestSource.Bind,
        Streams = [TestConnector.Fixed("rows", 3)],
    };

    public static TheoryData<string> Descriptors => new() { "source", "destination", "source without documentation" };

    private static ConnectorDescriptor<TestSource> Descriptor(string which) => which switch
    {
        "source" => Source(TestConnector.DocumentationUrl, TestSource.Schema),
        "destination" => Destination(DestinationSyncModes.Append | DestinationSyncModes.Overwrite | DestinationSyncModes.AppendDedup),
        _ => Source(null, TestSource.Schema),
    };

    [Theory]
    [MemberData(nameof(Descriptors))]
    public async Task Writes_the_bytes_the_full_hosts_spec_writes(string which)
    {
        var descriptor = Descriptor(which);
        var full = await HostRun.RunAsync(descriptor, Spec);
        var output = new MemoryStream();

        var exitCode = SpecShortcut.TryWrite(descriptor, output);

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Equal(ExitCodes.Success, full.ExitCode);
        Assert.Equal(full.Stdout, Encoding.UTF8.GetString(output.ToArray()));
        var message = Assert.Single(full.Messages);
        Assert.Equal("SPEC", message.GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_spec_it_cannot_write_leaves_nothing_written_for_the_full_host_to_report()
    {
        var descriptor = Source(TestConnector.DocumentationUrl, "{\"type\": \"object\", \"properties\": {");
        var output = new MemoryStream();

        var exitCode = SpecShortcut.TryWrite(descriptor, output);

        Assert.Null(exitCode);
        Assert.Equal(0, output.Length);
        // What the process then does: the full host's TRACE error and exit code 1.
        var full = await HostRun.RunAsync(descriptor, Spec);
        Assert.Equal(ExitCodes.Failure, full.ExitCode);
        var trace = Assert.Single(full.Messages);
        Assert.Equal("TRACE", trace.GetProperty("type").GetString());
    }

    [Fact]
    public void A_broken_stdout_exits_141()
    {
        Assert.Equal(ExitCodes.OutputClosed, SpecShortcut.TryWrite(TestConnector.WithStreams(), new BrokenStream()));
    }

    [Theory]
    [InlineData(true, "spec")]
    [InlineData(false, "spec", "--debug")]
    [InlineData(false, "spec", "extra")]
    [InlineData(false, "--help")]
    [InlineData(false, "check", "--config", "c.json")]
    [InlineData(false)]
    public void Applies_to_exactly_spec(bool applies, params string[] args)
    {
        Assert.Equal(applies, SpecShortcut.Applies(args, ProtocolHosts.BuiltIn));
    }

    [Fact]
    public void Leaves_a_process_with_a_registered_protocol_to_the_full_host()
    {
        // A registered protocol may claim the start (Conduit does) or bring a `spec` of its own.
        IProtocolHost[] protocols = [.. ProtocolHosts.BuiltIn, new OtherProtocol()];

        Assert.False(SpecShortcut.Applies(Spec, protocols));
    }

    [Theory]
    [InlineData("check", "--config", "c.json")]
    [InlineData("spec", "--debug")]
    [InlineData]
    public void Leaves_any_other_command_line_to_the_full_host_without_writing(params string[] args)
    {
        // Both ways in (a generated Main tries the build-time spec first): null, and nothing on this process's stdout.
        Assert.Null(SpecShortcut.TryRunBuildTime<BuildTimeSpecSource>(args));
        Assert.Null(SpecShortcut.TryRun(TestConnector.WithStreams(), args, ProtocolHosts.BuiltIn));
    }

    [Fact]
    public void Leaves_spec_under_a_registered_protocol_to_the_full_host_without_writing()
    {
        IProtocolHost[] protocols = [.. ProtocolHosts.BuiltIn, new OtherProtocol()];

        Assert.Null(SpecShortcut.TryRun(TestConnector.WithStreams(), Spec, protocols));
    }

    [Fact]
    public void What_is_written_next_into_a_stdout_file_follows_the_line()
    {
        // `{ connector spec; echo; } > file`: the shell's next write goes through the same descriptor, at its offset.
        using var files = new TempDir();
        var path = Path.Combine(files.Path, "spec.json");
        using var descriptor = File.OpenHandle(path, FileMode.Create, FileAccess.Write);
        var stdout = new FileStream(descriptor, FileAccess.Write, bufferSize: 0);
        var line = Encoding.UTF8.GetBytes("{\"type\":\"SPEC\"}\n");

        var exitCode = SpecShortcut.Settled(SpecShortcut.WriteLine(line, stdout), stdout);
        using (var next = new FileStream(descriptor, FileAccess.Write, bufferSize: 0))
        {
            next.Write("after\n"u8);
        }

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Equal("{\"type\":\"SPEC\"}\nafter\n", File.ReadAllText(path));
    }

    /// <summary>A connector as generated, with a build-time spec; its description must not be needed.</summary>
    private sealed class BuildTimeSpecSource : IConnector<BuildTimeSpecSource>
    {
        static ConnectorDescriptor<BuildTimeSpecSource> IConnector<BuildTimeSpecSource>.Descriptor =>
            throw new InvalidOperationException("spec must not build the description");

        static ConnectorSpec? IConnector<BuildTimeSpecSource>.Spec => new(TestSource.Schema, TestConnector.DocumentationUrl);
    }

    private sealed class OtherProtocol : IProtocolHost
    {
        public string Name => "other";

        public System.Collections.Generic.IReadOnlyList<HostCommand<TConnector>> Commands<TConnector>(ConnectorDescriptor<TConnector> descriptor)
            where TConnector : class => Array.Empty<HostCommand<TConnector>>();
    }
}
