using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Connectors.Execution;

/// <summary>What a host is, as pyinfra's facts say it: name, operating system, kernel, architecture, users.</summary>
/// <param name="Hostname">The host's own name (<c>uname -n</c>).</param>
/// <param name="OsName">The operating system's name (<c>/etc/os-release</c> <c>PRETTY_NAME</c>, else <c>NAME</c>).</param>
/// <param name="OsId">The distribution's id (<c>ID</c>: debian, ubuntu, alpine…).</param>
/// <param name="OsVersion">The distribution's version (<c>VERSION_ID</c>).</param>
/// <param name="KernelName">The kernel (<c>uname -s</c>: Linux…).</param>
/// <param name="KernelRelease">The kernel's release (<c>uname -r</c>).</param>
/// <param name="Architecture">The machine's architecture (<c>uname -m</c>).</param>
/// <param name="User">The user commands run as (the connection's).</param>
/// <param name="Users">The accounts of <c>/etc/passwd</c> (or the name service).</param>
public sealed record HostFacts(string Hostname, string? OsName, string? OsId, string? OsVersion, string KernelName, string KernelRelease,
    string Architecture, string User, IReadOnlyList<UserAccount> Users)
{
    private const string Script = """
        printf 'hostname=%s\n' "$(uname -n)"
        printf 'kernel_name=%s\n' "$(uname -s)"
        printf 'kernel_release=%s\n' "$(uname -r)"
        printf 'arch=%s\n' "$(uname -m)"
        printf 'user=%s\n' "$(id -un)"
        if [ -r /etc/os-release ]; then grep -E '^(ID|VERSION_ID|PRETTY_NAME|NAME)=' /etc/os-release | sed 's/^/os_/'; fi
        echo '--users'
        getent passwd 2>/dev/null || cat /etc/passwd
        """;

    /// <summary>Gathers the facts of the host behind <paramref name="connection"/> with one shell command.</summary>
    /// <exception cref="InvalidOperationException">The command failed.</exception>
    public static async Task<HostFacts> GatherAsync(IHostConnection connection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var outcome = await connection.RunAsync(new ShellCommand(Script) { Timeout = TimeSpan.FromSeconds(30), MaxOutputLines = 100_000 },
            cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!outcome.Success)
        {
            throw new InvalidOperationException(
                $"Gathering the facts of '{connection.Host}' failed ({(outcome.TimedOut ? "timed out" : $"exit code {outcome.ExitCode}")}): {string.Join(" ", outcome.Stderr)}");
        }
        return Parse(outcome.Stdout);
    }

    /// <summary>Reads the gathering script's output.</summary>
    internal static HostFacts Parse(IReadOnlyList<string> lines)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var users = new List<UserAccount>();
        var inUsers = false;
        foreach (var line in lines)
        {
            if (line == "--users")
            {
                inUsers = true;
            }
            else if (inUsers)
            {
                if (UserAccount.TryParse(line) is { } user)
                {
                    users.Add(user);
                }
            }
            else if (line.IndexOf('=') is > 0 and var equals)
            {
                values[line[..equals]] = Unquote(line[(equals + 1)..]);
            }
        }
        string Value(string key) => values.GetValueOrDefault(key, "");
        return new HostFacts(Value("hostname"), values.GetValueOrDefault("os_PRETTY_NAME") ?? values.GetValueOrDefault("os_NAME"),
            values.GetValueOrDefault("os_ID"), values.GetValueOrDefault("os_VERSION_ID"), Value("kernel_name"), Value("kernel_release"),
            Value("arch"), Value("user"), users);
    }

    private static string Unquote(string value) =>
        value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[^1] == value[0] ? value[1..^1] : value;
}

/// <summary>A user account of a host.</summary>
/// <param name="Name">The login name.</param>
/// <param name="Uid">The user id.</param>
/// <param name="Gid">The primary group id.</param>
/// <param name="Home">The home folder.</param>
/// <param name="Shell">The login shell.</param>
public sealed record UserAccount(string Name, long Uid, long Gid, string Home, string Shell)
{
    /// <summary>Reads a <c>passwd</c> line (<c>name:x:uid:gid:gecos:home:shell</c>); null if it is not one.</summary>
    internal static UserAccount? TryParse(string line)
    {
        var fields = line.Split(':');
        return fields.Length == 7
            && long.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var uid)
            && long.TryParse(fields[3], NumberStyles.None, CultureInfo.InvariantCulture, out var gid)
                ? new UserAccount(fields[0], uid, gid, fields[5], fields[6])
                : null;
    }
}
