using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace Connectors.IntegrationTests.Http;

/// <summary>
/// A real npm registry for the tests: verdaccio 6.8.0 (the last release that runs on Node 20), installed with npm into
/// a tools folder under ~/.cache once per machine, started on 127.0.0.1 at a free port with a throwaway storage folder
/// and config, a user created through the registry's adduser API (its token publishes and reads), and a base set of
/// generated packages published with `npm publish`. Stopped and deleted when the tests are done. Without Node and npm
/// the tests fail with a message saying how to install them (.ci/run does).
/// </summary>
public sealed class Verdaccio : IAsyncLifetime
{
    public const string VerdaccioVersion = "6.8.0";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4);

    /// <summary>The base set: @acme/widget-1..6 at 1.0.0 and 1.1.0, widget-1 and widget-2 also at 2.0.0.</summary>
    public static readonly IReadOnlyList<(string Name, string[] Versions)> BasePackages =
        Enumerable.Range(1, 6).Select(i => ($"@acme/widget-{i}", i <= 2 ? new[] { "1.0.0", "1.1.0", "2.0.0" } : ["1.0.0", "1.1.0"])).ToList();

    /// <summary>The packages the incremental test starts from, published with the base set (npm runs are what cost time here).</summary>
    public static readonly IReadOnlyList<(string Name, string[] Versions)> IncrementalPackages = [("@inc/a", ["1.0.0", "1.1.0"]), ("@inc/b", ["1.0.0"])];

    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"connectors-verdaccio-{Environment.ProcessId}-{Guid.NewGuid():N}");
    private readonly HttpClient _http = new();
    private Process? _server;
    private readonly StringBuilder _serverLog = new();

    /// <summary>The registry's URL, ending in '/'.</summary>
    public string Url { get; private set; } = "";

    public int Port { get; private set; }

    public string Username => "tester";

    public string Password => "tester-password-1";

    /// <summary>The tester's token (a secret: the tests check it never appears in a connector's output).</summary>
    public string Token { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var verdaccio = await InstallAsync();
        Directory.CreateDirectory(_directory);
        Port = FreePort();
        Url = $"http://127.0.0.1:{Port}/";
        var config = Path.Combine(_directory, "config.yaml");
        // The search endpoint's own rate limit (express-rate-limit) is raised: the tests inject their own 429s. Tokens are
        // JWTs, checked with an HMAC: verdaccio's legacy tokens cost a bcrypt of the password on every request.
        File.WriteAllText(config, $"""
            storage: {Path.Combine(_directory, "storage")}
            auth:
              htpasswd:
                file: {Path.Combine(_directory, "htpasswd")}
                max_users: 100
            uplinks: {"{}"}
            packages:
              '**':
                access: $authenticated
                publish: $authenticated
                unpublish: $authenticated
            userRateLimit:
              windowMs: 1000
              max: 100000
            security:
              api:
                jwt:
                  sign:
                    expiresIn: 7d
            server:
              keepAliveTimeout: 60
            log: {"{ type: stdout, format: json, level: warn }"}
            """);
        var info = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _directory,
        };
        foreach (var arg in new[] { verdaccio, "--config", config, "--listen", $"127.0.0.1:{Port}" })
        {
            info.ArgumentList.Add(arg);
        }
        _server = Process.Start(info)!;
        _server.OutputDataReceived += (_, e) => Log(e.Data);
        _server.ErrorDataReceived += (_, e) => Log(e.Data);
        _server.BeginOutputReadLine();
        _server.BeginErrorReadLine();
        await WaitUntilUpAsync();
        Token = await AddUserAsync(Username, Password);
        await PublishAsync(BasePackages.Concat(IncrementalPackages).ToList());
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        if (_server is { HasExited: false })
        {
            _server.Kill(entireProcessTree: true);
            await _server.WaitForExitAsync();
        }
        _server?.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>A connector config for this registry (or another URL, such as a proxy in front of it), with extra settings.</summary>
    public string ConfigFile(string? url = null, object? extra = null, bool withToken = true)
    {
        var config = new Dictionary<string, object?> { ["registry_url"] = url ?? Url };
        if (withToken)
        {
            config["token"] = Token;
        }
        if (extra is not null)
        {
            foreach (var property in JsonSerializer.SerializeToElement(extra).EnumerateObject())
            {
                config[property.Name] = property.Value;
            }
        }
        return Infrastructure.TestFiles.Json("npm-config", config);
    }

    /// <summary>
    /// Publishes the given versions of generated packages with <c>npm publish</c>, one npm process per round of
    /// versions (an npm workspace holding one folder per package), so each package's versions go out oldest first.
    /// </summary>
    public async Task PublishAsync(IReadOnlyList<(string Name, string[] Versions)> packages)
    {
        var rounds = packages.Max(p => p.Versions.Length);
        for (var round = 0; round < rounds; round++)
        {
            var workspace = Path.Combine(_directory, "publish-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(workspace);
            var members = packages.Where(p => p.Versions.Length > round).ToList();
            File.WriteAllText(Path.Combine(workspace, "package.json"), """{"name":"publisher","private":true,"workspaces":["packages/*"]}""");
            File.WriteAllText(Path.Combine(workspace, ".npmrc"), $"//127.0.0.1:{Port}/:_authToken={Token}\n");
            foreach (var (name, versions) in members)
            {
                var folder = Path.Combine(workspace, "packages", name.Replace('@', '_').Replace('/', '_'));
                Directory.CreateDirectory(folder);
                File.WriteAllText(Path.Combine(folder, "package.json"), JsonSerializer.Serialize(new Dictionary<string, object>
                {
                    ["name"] = name,
                    ["version"] = versions[round],
                    ["description"] = $"Generated package {name}",
                    ["license"] = "MIT",
                    ["keywords"] = new[] { "generated", "connectors-test" },
                    ["dependencies"] = new Dictionary<string, string> { ["left-pad"] = "^1.3.0" },
                }));
                File.WriteAllText(Path.Combine(folder, "index.js"), $"module.exports = '{name}@{versions[round]}';\n");
            }
            await RunAsync("npm", ["publish", "--workspaces", "--registry", Url, "--userconfig", Path.Combine(workspace, ".npmrc"),
                "--access", "public", "--no-audit", "--no-fund", "--loglevel", "error"], workspace);
            Directory.Delete(workspace, recursive: true);
        }
    }

    /// <summary>A package document, as the registry serves it (the tests' independent view of the data).</summary>
    public async Task<JsonElement> PackumentAsync(string name)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Url + Uri.EscapeDataString(name));
        request.Headers.Authorization = new("Bearer", Token);
        using var response = await _http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<string> AddUserAsync(string name, string password)
    {
        using var response = await _http.PutAsJsonAsync($"{Url}-/user/org.couchdb.user:{name}", new { name, password });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        if (!response.IsSuccessStatusCode || !body.TryGetProperty("token", out var token))
        {
            throw new InvalidOperationException($"verdaccio's adduser answered {(int)response.StatusCode}: {body}");
        }
        return token.GetString()!;
    }

    private async Task WaitUntilUpAsync()
    {
        // A guard against a server that never comes up, not a timing assertion: Node loads verdaccio's modules in about
        // two seconds on a quiet machine, but a run of the whole suite on two busy cores has taken longer than a minute.
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_server!.HasExited)
            {
                throw new InvalidOperationException($"verdaccio exited with {_server.ExitCode}:\n{_serverLog}");
            }
            try
            {
                using var response = await _http.GetAsync(Url + "-/ping");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(100);
        }
        throw new InvalidOperationException($"verdaccio did not answer on {Url} within {StartTimeout.TotalSeconds} s:\n{_serverLog}");
    }

    /// <summary>
    /// verdaccio's start script, installed on first use into ~/.cache/connectors/tools/verdaccio-6.8.0 (or
    /// $CONNECTORS_TOOLS): `npm install` of the exact version; later runs find it there.
    /// </summary>
    private static async Task<string> InstallAsync()
    {
        var tools = Environment.GetEnvironmentVariable("CONNECTORS_TOOLS") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "connectors", "tools");
        var folder = Path.Combine(tools, "verdaccio-" + VerdaccioVersion);
        var script = Path.Combine(folder, "node_modules", "verdaccio", "bin", "verdaccio");
        if (File.Exists(script))
        {
            return script;
        }
        Directory.CreateDirectory(folder);
        try
        {
            await RunAsync("npm", ["install", "--prefix", folder, "--no-audit", "--no-fund", "--loglevel", "error", "verdaccio@" + VerdaccioVersion], folder);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("Node.js and npm are needed to run verdaccio for the npm registry tests: "
                + "apt-get install -y nodejs npm (.ci/run does).", ex);
        }
        return File.Exists(script) ? script : throw new InvalidOperationException($"npm installed verdaccio, but {script} is missing.");
    }

    private static async Task RunAsync(string file, string[] args, string workingDirectory)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        info.Environment["npm_config_update_notifier"] = "false";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(" ", args)} failed with exit code {process.ExitCode}:\n{await stdout}\n{await stderr}");
        }
    }

    private void Log(string? line)
    {
        if (line is not null)
        {
            lock (_serverLog)
            {
                _serverLog.AppendLine(line);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>The tests that share the run's verdaccio (one server; each test reads its own packages or the base set).</summary>
[CollectionDefinition(Name)]
public sealed class VerdaccioCollection : ICollectionFixture<Verdaccio>
{
    public const string Name = "verdaccio";
}
