using System;
using System.Threading;
using System.Threading.Tasks;

namespace Connectors.Execution.Internal;

/// <summary>Checks, once per connection, that the host has what running commands needs, so a missing tool fails the connect clearly.</summary>
internal static class Tools
{
    private const string Probe = "command -v setsid >/dev/null 2>&1 || { echo 'setsid (util-linux) is missing' >&2; exit 1; }";

    public static async Task VerifyAsync(IHostConnection host, Func<string, Task<IHostProcess>> start, CancellationToken cancellationToken)
    {
        var process = await start(Probe).ConfigureAwait(false);
        await using (process.ConfigureAwait(false))
        {
            process.Stdin.Dispose();
            var error = new LineReader(process.Stderr).ReadLineAsync(cancellationToken);
            var exitCode = await process.Exited.WaitAsync(cancellationToken).ConfigureAwait(false);
            if (exitCode != 0)
            {
                var said = await error.WaitAsync(TimeSpan.FromSeconds(2), cancellationToken).ConfigureAwait(false);
                throw new HostConnectionException(host.Host,
                    $"Host '{host.Host}' cannot run commands as this connector runs them: {said ?? $"the probe exited with {exitCode}"}.");
            }
        }
    }
}
