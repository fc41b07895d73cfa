using System;
using System.Threading.Tasks;

namespace Connectors.Runtime.Hosting;

/// <summary>Disposes connectors that hold resources, when the command that created them ends.</summary>
internal static class Disposal
{
    public static async ValueTask DisposeAsync(object connector)
    {
        if (connector is IAsyncDisposable asyncDisposable)
        {
            await asyncDisposable.DisposeAsync().ConfigureAwait(false);
        }
        else if (connector is IDisposable disposable)
        {
            disposable.Dispose();
        }
    }
}
