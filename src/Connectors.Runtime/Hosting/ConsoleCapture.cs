using System;
using System.IO;
using Connectors.Runtime.Secrets;

namespace Connectors.Runtime.Hosting;

/// <summary>
/// The process's <c>Console.Out</c> and <c>Console.Error</c>, replaced by masking writers over the real stderr (stdout is
/// the protocol's), so that whatever connector code or a library prints is masked; and an unhandled exception, which the
/// runtime would print raw, printed masked instead.
/// </summary>
internal sealed class ConsoleCapture
{
    private readonly TextWriter _stderr;
    private readonly Action<int> _exit;

    /// <summary>Creates the writers without installing them (tests; <see cref="Install"/> installs them).</summary>
    /// <param name="stderr">The real stderr.</param>
    /// <param name="masker">The secrets to mask.</param>
    /// <param name="exit">Ends the process after a crash (<see cref="Environment.Exit"/>; tests observe it instead).</param>
    public ConsoleCapture(TextWriter stderr, SecretMasker masker, Action<int>? exit = null)
    {
        _stderr = stderr;
        _exit = exit ?? Environment.Exit;
        Masker = masker;
        Out = new MaskingTextWriter(stderr, masker);
        Error = new MaskingTextWriter(stderr, masker);
    }

    public SecretMasker Masker { get; }

    /// <summary>What <c>Console.Out</c> writes to.</summary>
    public MaskingTextWriter Out { get; }

    /// <summary>What <c>Console.Error</c> writes to.</summary>
    public MaskingTextWriter Error { get; }

    /// <summary>Replaces <c>Console.Out</c> and <c>Console.Error</c>; <paramref name="stderr"/> is the real stderr.</summary>
    public static ConsoleCapture Install(TextWriter stderr, SecretMasker masker)
    {
        var capture = new ConsoleCapture(stderr, masker);
        System.Console.SetOut(capture.Out);
        System.Console.SetError(capture.Error);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => capture.Flush();
        AppDomain.CurrentDomain.UnhandledException += (_, e) => capture.Crash(e.ExceptionObject);
        return capture;
    }

    /// <summary>Passes on unfinished lines (at the end of a command, before the process exits).</summary>
    public void Flush()
    {
        Out.Flush();
        Error.Flush();
    }

    /// <summary>
    /// An exception no code caught (on a thread of the connector's own) ends the process: print it masked, then exit with
    /// code 1 here, which keeps the runtime from printing it raw.
    /// </summary>
    internal void Crash(object exception)
    {
        try
        {
            Flush();
            // On a line of its own, should the console have held an unfinished line.
            _stderr.WriteLine("\nUnhandled exception. " + Masker.Apply(exception.ToString() ?? ""));
            _stderr.Flush();
        }
        finally
        {
            _exit(ExitCodes.Failure);
        }
    }
}
