using System;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;

namespace Connectors.Execution.Internal;

/// <summary>A command line run by <c>/bin/sh -c</c> on this machine, with its three standard streams as pipes.</summary>
internal sealed class LocalProcess : IHostProcess
{
    private readonly Process _process;
    private readonly TaskCompletionSource<int?> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private LocalProcess(Process process) => _process = process;

    public static LocalProcess Start(string commandLine)
    {
        var start = new ProcessStartInfo("/bin/sh")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(commandLine);
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var local = new LocalProcess(process);
        // Exited, not WaitForExitAsync: the latter also waits for the output to end, which a background child can delay forever.
        process.Exited += (_, _) => local._exited.TrySetResult(process.ExitCode);
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            process.Dispose();
            throw new InvalidOperationException($"/bin/sh did not start: {ex.Message}", ex);
        }
        return local;
    }

    public Stream Stdin => _process.StandardInput.BaseStream;

    public Stream Stdout => _process.StandardOutput.BaseStream;

    public Stream Stderr => _process.StandardError.BaseStream;

    public Task<int?> Exited => _exited.Task;

    public void Abort()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or Win32Exception)
        {
            // Already gone.
        }
    }

    public ValueTask DisposeAsync()
    {
        Abort();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }
}
