using Microsoft.CodeAnalysis;

namespace Connectors.Generators.Diagnostics;

// How a destination ends its streams (CONN0060…): a file of its own so the catalogue grows without merge conflicts.
internal static partial class DiagnosticDescriptors
{
    public const string StreamEndAndIncompleteOnOneMethodId = "CONN0060";

    public static readonly DiagnosticDescriptor StreamEndAndIncompleteOnOneMethod = Create(StreamEndAndIncompleteOnOneMethodId, Categories.Destinations,
        DiagnosticSeverity.Error,
        "One method is both [StreamEnd] and [StreamIncomplete]",
        "The method '{0}' is marked both [StreamEnd] and [StreamIncomplete], so it cannot tell a complete stream (whose new data it finalizes) from an incomplete one (whose old data must stay visible); give each its own method",
        "The runtime calls [StreamEnd] only for a stream whose COMPLETE status arrived, to swap an overwrite in or delete older generations, and [StreamIncomplete] for every other stream, to leave its data as it is. One method for both would finalize incomplete data.");
}
