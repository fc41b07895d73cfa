namespace Connectors.Generators.Tests.Generation;

/// <summary>Connector sources the generator tests compile.</summary>
internal static class CommandSources
{
    /// <summary>Commands with every payload and result shape, and every hook with a different return and parameters.</summary>
    public const string Complete = """
        using System;
        using System.Collections.Generic;
        using System.Text.Json;
        using System.Threading;
        using System.Threading.Tasks;
        using Connectors;
        using Connectors.Runtime;
        using Microsoft.Extensions.Logging;

        namespace Sample;

        public enum Mode { Fast, Careful }

        /// <summary>A time window.</summary>
        /// <param name="From">Where it starts.</param>
        /// <param name="To">Where it ends.</param>
        public sealed record Window(DateTimeOffset From, DateTimeOffset To, int Step = 1);

        public sealed class Target
        {
            public required string Host { get; init; }
            public int Port { get; init; } = 22;
            public List<string> Tags { get; set; } = new();
            public Mode? Mode { get; set; }
        }

        public sealed record Summary(int Count, IReadOnlyList<string> Names, Mode Mode);

        [Connector("sample-commands")]
        public partial class SampleConnector
        {
            [ConfigProperty]
            public string Folder { get; set; } = "/data";

            [ConfigProperty(Secret = true)]
            public string? Token { get; set; }

            [Check]
            public CheckResult Check() => CheckResult.Success();

            /// <summary>Does everything.</summary>
            /// <param name="scheduleInterval">Seconds between polls.</param>
            [Command("Sample.Connector.Everything")]
            public Summary Everything(double scheduleInterval, string name = "x", Mode mode = Mode.Careful, int? limit = null,
                DateTimeOffset? since = null, JsonElement extra = default, int[]? codes = null, IReadOnlyList<string>? tags = null,
                Window? window = null, Target? target = null, CancellationToken cancellationToken = default) =>
                new(1, new[] { name }, mode);

            [Command("Sample.Connector.Void", Description = "Returns nothing.")]
            public void Void(ILogger logger, OperatingStatus status) { }

            [Command("Sample.Connector.Async")]
            public Task AsyncNothing(ConnectorContext context) => Task.CompletedTask;

            [Command("Sample.Connector.Count")]
            public ValueTask<int> Count(CancellationToken cancellationToken) => new(3);

            [Command("Sample.Connector.Json")]
            public static Task<string> Json() => Task.FromResult("{}");

            [Command("Sample.Connector.Maybe")]
            public Summary? Maybe(bool present) => present ? new Summary(0, new string[0], Mode.Fast) : null;

            [OnInitializing] public void Initializing() { }
            [OnInitialized] public Task Initialized(ILogger logger) => Task.CompletedTask;
            [OnStart] public ValueTask Start(ConnectorContext context, CancellationToken cancellationToken) => default;
            [OnStop] public static void Stop(OperatingStatus status) { }
            [OnShutdown] public void Shutdown() { }
            [OnConnectorUpdated] public Task Updated(OperatingStatus status, ILogger logger) => Task.CompletedTask;
            [OnConnectorDeleted] public ValueTask Deleted(ConnectorContext context, CancellationToken cancellationToken) => ValueTask.CompletedTask;
            [ValidateConfig] public Task<CheckResult> Validate() => Task.FromResult(CheckResult.Success());
        }
        """;

    /// <summary>Lifecycle hooks only: no commands, no streams, no config.</summary>
    public const string HooksOnly = """
        using Connectors;

        namespace Sample;

        [Connector("sample-hooks")]
        public partial class HooksConnector
        {
            [OnStart] public void Start() { }
            [OnStop] public void Stop() { }
        }
        """;

    /// <summary>A source without commands or hooks.</summary>
    public const string NoCommands = """
        using System.Collections.Generic;
        using Connectors;

        namespace Sample;

        public sealed record Item(int Id);

        [Connector("sample-plain")]
        public partial class PlainSource
        {
            [Check] public CheckResult Check() => CheckResult.Success();
            [Stream("items")] public IEnumerable<Item> Items() => new[] { new Item(1) };
        }
        """;
}
