using System;
using System.Threading;
using Connectors.Generators.Parsing;
using Connectors.Generators.Tests.Harness;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Connectors.Generators.Tests.Parsing;

/// <summary>
/// The IDE cancels a generator run when the code changes under it; a parser then stops at the next attributed method
/// (OperationCanceledException) instead of finishing a model nobody will use.
/// </summary>
public sealed class CancelledParseTests
{
    private const string Source = """
        using Connectors;

        namespace Sample;

        [Connector("destination-sink", Kind = ConnectorKind.Destination)]
        public partial class SinkDestination
        {
            [OnStart] public void Start() { }

            [Write] public void Write(DestinationStream stream, RecordBatch batch) { }
        }
        """;

    [Fact]
    public void The_hook_parser_stops_when_cancelled() =>
        Assert.Throws<OperationCanceledException>(() => HookParser.Parse(Sink(), ProblemSink.Ignore, Cancelled(), out _));

    [Fact]
    public void The_destination_parser_stops_when_cancelled() =>
        Assert.Throws<OperationCanceledException>(() => DestinationParser.Parse(Sink(), "destination-sink", ProblemSink.Ignore, Cancelled()));

    [Fact]
    public void Both_parsers_read_the_class_when_not_cancelled()
    {
        Assert.Single(HookParser.Parse(Sink(), ProblemSink.Ignore, default, out var declaresHooks));
        Assert.True(declaresHooks);
        Assert.Equal("Write", DestinationParser.Parse(Sink(), "destination-sink", ProblemSink.Ignore, default)?.Write.MethodName);
    }

    private static INamedTypeSymbol Sink() => TestCompilation.Create(Source).GetTypeByMetadataName("Sample.SinkDestination")!;

    private static CancellationToken Cancelled() => new(canceled: true);
}
