using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Connectors.Testing.Processes;

namespace Connectors.Testing.Session;

/// <summary>
/// One test class's connector under test: how to start it, a folder for its config, catalog and state files, and every
/// process run made so far. Runs that several rules look at (spec, discover, a read) are made once per test class.
/// </summary>
internal sealed class KitSession
{
    private static readonly ConcurrentDictionary<string, Lazy<KitSession>> Sessions = new();

    private readonly ConcurrentDictionary<string, Lazy<Task<ProcessRun>>> _runs = new();
    private readonly ConcurrentDictionary<string, object> _results = new();
    private readonly List<ProcessRun> _all = new();
    private int _files;

    private KitSession(ConnectorProgram program, string directory)
    {
        Program = program;
        Directory = directory;
    }

    /// <summary>The session of a test class (and environment), made on first use from what its instance says.</summary>
    public static KitSession For(string key, Func<KitSession> create) => Sessions.GetOrAdd(key, _ => new Lazy<KitSession>(create)).Value;

    /// <summary>A session for the connector at <paramref name="dllPath"/>, with a fresh folder for its files.</summary>
    /// <param name="dllPath">The connector's dll or native executable.</param>
    /// <param name="environment">Variables for every process (a null value removes one).</param>
    /// <param name="timeout">How long one process may run.</param>
    /// <param name="emptyEnvironment">True to give processes only <paramref name="environment"/>, as Conduit does.</param>
    public static KitSession Create(string dllPath, IReadOnlyDictionary<string, string?> environment, TimeSpan timeout, bool emptyEnvironment = false)
    {
        var directory = Path.Combine(Path.GetTempPath(), $"connectors-testing-{Environment.ProcessId}-{Guid.NewGuid():N}"[..48]);
        System.IO.Directory.CreateDirectory(directory);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                System.IO.Directory.Delete(directory, recursive: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
            }
        };
        return new KitSession(new ConnectorProgram(dllPath, environment, directory, timeout, emptyEnvironment), directory);
    }

    public ConnectorProgram Program { get; }

    /// <summary>The folder of the session's files, also the connector's working directory.</summary>
    public string Directory { get; }

    /// <summary>Writes a file with a unique name ending in <paramref name="name"/>; returns its full path.</summary>
    public string WriteFile(string name, string content)
    {
        var path = Path.Combine(Directory, Interlocked.Increment(ref _files) + "-" + name);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>A new empty folder inside the session's folder.</summary>
    public string NewFolder(string name)
    {
        var path = Path.Combine(Directory, Interlocked.Increment(ref _files) + "-" + name);
        System.IO.Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>A path in the session's folder where no file is.</summary>
    public string MissingFile(string name) => Path.Combine(Directory, "missing-" + Interlocked.Increment(ref _files) + "-" + name);

    /// <summary>The run cached under <paramref name="key"/>, made by <paramref name="run"/> the first time it is asked for.</summary>
    public Task<ProcessRun> OnceAsync(string key, Func<Task<ProcessRun>> run) =>
        _runs.GetOrAdd(key, _ => new Lazy<Task<ProcessRun>>(() => Record(run()))).Value;

    /// <summary>A result (of several runs) cached under <paramref name="key"/>, made the first time it is asked for.</summary>
    public Task<T> OnceAsync<T>(string key, Func<Task<T>> make) =>
        ((Lazy<Task<T>>)_results.GetOrAdd(key, _ => new Lazy<Task<T>>(make))).Value;

    /// <summary>Runs the connector to its end (stdin closed, or fed with <paramref name="input"/>).</summary>
    public Task<ProcessRun> RunAsync(IReadOnlyList<string> args, IEnumerable<string>? input = null) =>
        Record(ConnectorProcess.RunAsync(Program, args, input));

    /// <summary>Starts the connector; the caller drives it and hands its run to <see cref="Record"/>.</summary>
    public ConnectorProcess Start(IReadOnlyList<string> args, bool keepStdin = false) => ConnectorProcess.Start(Program, args, keepStdin);

    /// <summary>Remembers a run, so the secrets rule searches its output too.</summary>
    public async Task<ProcessRun> Record(Task<ProcessRun> running)
    {
        var run = await running.ConfigureAwait(false);
        lock (_all)
        {
            _all.Add(run);
        }
        return run;
    }

    /// <summary>Every run made so far.</summary>
    public IReadOnlyList<ProcessRun> AllRuns()
    {
        lock (_all)
        {
            return _all.ToList();
        }
    }
}
