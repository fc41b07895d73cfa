using System;
using System.IO;
using Connectors.Runtime.Hosting;
using Connectors.Runtime.Secrets;
using Xunit;

namespace Connectors.Runtime.Tests.Units;

/// <summary>
/// The writers that replace <c>Console.Out</c> and <c>Console.Error</c> (built here without installing them: installing
/// changes the test process's console): both write masked to the real stderr, and a flush passes on unfinished lines.
/// </summary>
public sealed class ConsoleCaptureTests
{
    [Fact]
    public void Console_Out_and_Console_Error_go_masked_to_stderr_and_a_flush_passes_on_unfinished_lines()
    {
        var stderr = new StringWriter();
        var masker = new SecretMasker();
        masker.Add("sw0rdfish-42");
        var capture = new ConsoleCapture(stderr, masker);

        capture.Out.WriteLine("out sw0rdfish-42");
        capture.Error.Write("error sw0rdfish-42");
        Assert.Equal("out ****\n", stderr.ToString().ReplaceLineEndings("\n"));
        capture.Out.Write("unfinished");
        capture.Flush();

        Assert.Equal("out ****\nunfinishederror ****", stderr.ToString().ReplaceLineEndings("\n"));
        Assert.Same(masker, capture.Masker);
    }

    [Fact]
    public void An_unhandled_exception_is_printed_masked_on_a_line_of_its_own_after_what_was_pending_and_exits_1()
    {
        // A buffered stderr: what the crash prints must have reached the stream when the process exits.
        var bytes = new MemoryStream();
        var stderr = new StreamWriter(bytes) { AutoFlush = false };
        var masker = new SecretMasker();
        masker.Add("sw0rdfish-42");
        var exits = new System.Collections.Generic.List<(int Code, string Stderr)>();
        var capture = new ConsoleCapture(stderr, masker, code => exits.Add((code, System.Text.Encoding.UTF8.GetString(bytes.ToArray()))));
        capture.Out.Write("half a line");

        capture.Crash(new InvalidOperationException("token sw0rdfish-42 refused"));

        var (code, printed) = Assert.Single(exits);
        Assert.Equal(ExitCodes.Failure, code);
        var lines = printed.ReplaceLineEndings("\n").Split('\n');
        Assert.Equal("half a line", lines[0]);
        Assert.Equal("Unhandled exception. System.InvalidOperationException: token **** refused", lines[1]);
    }

    [Fact]
    public void A_thrown_object_without_text_still_prints_the_heading_and_exits_1()
    {
        // What another language may throw: an object whose ToString is null.
        var stderr = new StringWriter();
        var exits = new System.Collections.Generic.List<int>();
        var capture = new ConsoleCapture(stderr, new SecretMasker(), exits.Add);

        capture.Crash(new Textless());

        Assert.Equal([ExitCodes.Failure], exits);
        Assert.Equal("\nUnhandled exception. \n", stderr.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void A_stderr_that_fails_while_printing_still_exits_1()
    {
        var exits = new System.Collections.Generic.List<int>();
        var capture = new ConsoleCapture(new FailingWriter(), new SecretMasker(), exits.Add);

        Assert.Throws<IOException>(() => capture.Crash(new InvalidOperationException("boom")));

        Assert.Equal([ExitCodes.Failure], exits);
    }

    private sealed class Textless
    {
        public override string? ToString() => null;
    }

    private sealed class FailingWriter : StringWriter
    {
        public override void WriteLine(string? value) => throw new IOException("stderr is gone");
    }
}
