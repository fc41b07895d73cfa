using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Connectors.Runtime.Hosting;
using Xunit;

namespace Connectors.Runtime.Tests.Units;

/// <summary>A connector that holds resources is disposed when its command ends: asynchronously when it can be.</summary>
public sealed class DisposalTests
{
    [Fact]
    public async Task An_async_disposable_connector_is_disposed_asynchronously_and_once()
    {
        var connector = new BothWays();

        await Disposal.DisposeAsync(connector);

        Assert.Equal(["DisposeAsync"], connector.Calls);
    }

    [Fact]
    public async Task A_disposable_connector_is_disposed()
    {
        var connector = new SyncOnly();

        await Disposal.DisposeAsync(connector);

        Assert.True(connector.Disposed);
    }

    [Fact]
    public async Task A_connector_that_holds_nothing_is_left_alone()
    {
        await Disposal.DisposeAsync(new object());
    }

    private sealed class BothWays : IAsyncDisposable, IDisposable
    {
        public List<string> Calls { get; } = new();

        public ValueTask DisposeAsync()
        {
            Calls.Add("DisposeAsync");
            return ValueTask.CompletedTask;
        }

        public void Dispose() => Calls.Add("Dispose");
    }

    private sealed class SyncOnly : IDisposable
    {
        public bool Disposed { get; private set; }

        public void Dispose() => Disposed = true;
    }
}
