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
}
