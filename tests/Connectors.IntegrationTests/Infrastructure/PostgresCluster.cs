using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using Xunit;

namespace Connectors.IntegrationTests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL cluster for one test run: <c>initdb</c> into a temporary directory, started on 127.0.0.1 at a
/// free port with its unix socket in that directory, stopped and deleted when the tests are done. PostgreSQL comes from
/// Debian's packages (/usr/lib/postgresql/*/bin); without it the tests fail, they do not skip. As root, the server runs as
/// the <c>postgres</c> user, since initdb refuses to run as root.
/// </summary>
public sealed partial class PostgresCluster : IAsyncLifetime
{
    private static int _databases;

    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"connectors-pg-{Environment.ProcessId}-{Guid.NewGuid():N}");
    private string? _bin;
    private bool _started;

    /// <summary>The server's TCP port on 127.0.0.1.</summary>
    public int Port { get; private set; }

    /// <summary>The superuser, trusted without a password.</summary>
    public string User => "postgres";

    private string DataDirectory => Path.Combine(_directory, "data");

    public async Task InitializeAsync()
    {
        _bin = FindBin() ?? throw new InvalidOperationException(
            "PostgreSQL is not installed: no /usr/lib/postgresql/*/bin/initdb. The PostgreSQL destination tests need a real server; "
            + "install it with `apt-get install -y postgresql` (.ci/run does).");
        Directory.CreateDirectory(_directory);
        if (IsRoot())
        {
            await RunAsync("chown", ["postgres:postgres", _directory]);
        }
        Port = FreePort();
        await RunPgAsync("initdb", ["-D", DataDirectory, "-U", User, "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions"]);
        // The server is for tests only: durability against power cuts does not matter, start-up and load speed do.
        var options = $"-c listen_addresses=127.0.0.1 -p {Port} -k {_directory} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=50";
        await RunPgAsync("pg_ctl", ["-D", DataDirectory, "-l", Path.Combine(_directory, "server.log"), "-o", options, "-w", "-t", "60", "start"]);
        _started = true;
    }

    public async Task DisposeAsync()
    {
        try
        {
            if (_started)
            {
                await RunPgAsync("pg_ctl", ["-D", DataDirectory, "-m", "immediate", "-w", "stop"]);
            }
        }
        finally
        {
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    /// <summary>A new, empty database: each test writes into its own.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"test_{Interlocked.Increment(ref _databases)}";
        await using var connection = await OpenAsync("postgres");
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync();
        return name;
    }

    /// <summary>An open connection to a database of the cluster.</summary>
    public async Task<NpgsqlConnection> OpenAsync(string database)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Database = database,
            Username = User,
            Pooling = false,
            // The default 15 s is too short on a loaded machine, where the server may be slow to fork a backend.
            Timeout = 60,
        }.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>The destination's config for a database of the cluster.</summary>
    public string ConfigFile(string database) =>
        TestFiles.Json("pg-config", new { host = "127.0.0.1", port = Port, database, username = User, schema = "public" });

    /// <summary>The newest installed PostgreSQL's bin directory, if any.</summary>
    public static string? FindBin() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => Path.Combine(d, "bin"))
                .Where(b => File.Exists(Path.Combine(b, "initdb")) && File.Exists(Path.Combine(b, "pg_ctl")))
                .OrderByDescending(b => int.TryParse(Path.GetFileName(Path.GetDirectoryName(b)), out var v) ? v : 0)
                .FirstOrDefault()
            : null;

    private Task RunPgAsync(string tool, string[] args)
    {
        var path = Path.Combine(_bin!, tool);
        return IsRoot() ? RunAsync("runuser", ["-u", "postgres", "--", path, .. args]) : RunAsync(path, args);
    }

    private static async Task RunAsync(string file, string[] args)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{file} {string.Join(" ", args)} failed with exit code {process.ExitCode}:\n{await stdout}\n{await stderr}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool IsRoot() => geteuid() == 0;

    [LibraryImport("libc")]
    private static partial uint geteuid();
}

/// <summary>The tests that share the run's PostgreSQL cluster (one server, a database per test).</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresCluster>
{
    public const string Name = "PostgreSQL";
}
