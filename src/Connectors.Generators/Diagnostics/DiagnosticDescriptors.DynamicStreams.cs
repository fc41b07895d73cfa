using Microsoft.CodeAnalysis;

namespace Connectors.Generators.Diagnostics;

// Streams known only at run time (CONN0061…): a file of their own so the catalogue grows without merge conflicts.
internal static partial class DiagnosticDescriptors
{
    public const string InvalidDiscoverMethodId = "CONN0061";
    public const string UnknownStreamReadMethodId = "CONN0062";
    public const string InvalidStreamReadMethodId = "CONN0063";

    public static readonly DiagnosticDescriptor InvalidDiscoverMethod = Create(InvalidDiscoverMethodId, Categories.Streams, DiagnosticSeverity.Error,
        "Discovery method has a signature the runtime cannot call",
        "The [DiscoverStreams] method '{0}' cannot be called by the runtime: {1}",
        "A [DiscoverStreams] method returns IEnumerable<StreamDescription> (a list or an array too), a Task or ValueTask of one, or IAsyncEnumerable<StreamDescription>; it takes only CancellationToken and ILogger parameters, and is not generic.");

    public static readonly DiagnosticDescriptor UnknownStreamReadMethod = Create(UnknownStreamReadMethodId, Categories.Streams, DiagnosticSeverity.Error,
        "[DiscoverStreams] names no method of the class",
        "The [DiscoverStreams] method '{0}' names the read method '{1}', which the class does not have{2}",
        "[DiscoverStreams(nameof(ReadTable))] names the method that reads the discovered streams; it must be a method of the connector class, named once.");

    public static readonly DiagnosticDescriptor InvalidStreamReadMethod = Create(InvalidStreamReadMethodId, Categories.Streams, DiagnosticSeverity.Error,
        "Read method of discovered streams has a signature the runtime cannot call",
        "The read method '{0}' of the streams '{1}' discovers cannot be called by the runtime: {2}",
        "The read method of a [DiscoverStreams] family returns Task, ValueTask or void, takes one DynamicStreamRequest and one RowWriter, and optionally CancellationToken and ILogger, in any order; it is not generic and not async void.");
}
