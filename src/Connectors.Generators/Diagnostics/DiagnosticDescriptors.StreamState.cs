using Microsoft.CodeAnalysis;

namespace Connectors.Generators.Diagnostics;

// A [Stream] method's state of its own shape (CONN0064…): a file of their own so the catalogue grows without merge conflicts.
internal static partial class DiagnosticDescriptors
{
    public const string StreamStateWithoutSerializerId = "CONN0064";
    public const string StreamStateMisusedId = "CONN0065";
    public const string StatefulStreamNotIteratorId = "CONN0066";

    public static readonly DiagnosticDescriptor StreamStateWithoutSerializer = Create(StreamStateWithoutSerializerId, Categories.Streams, DiagnosticSeverity.Error,
        "Stream state has no serializer",
        "The stream method '{0}' keeps a state of type '{1}', but {2}",
        "A [Stream] method that takes StreamState<TState> names, in [Stream(StateContext = typeof(…))], a System.Text.Json source-generated JsonSerializerContext with [JsonSerializable(typeof(TState))]; the runtime reads and writes the saved state with it, without reflection.");

    public static readonly DiagnosticDescriptor StreamStateMisused = Create(StreamStateMisusedId, Categories.Streams, DiagnosticSeverity.Error,
        "Stream state is declared in a way the runtime cannot use",
        "The stream method '{0}' {1}",
        "A stream's saved state is either its cursor value (a cursor parameter) or a state of its own (one StreamState<TState> parameter), never both; StateContext goes with a StreamState<TState> parameter.");

    public static readonly DiagnosticDescriptor StatefulStreamNotIterator = Create(StatefulStreamNotIteratorId, Categories.Streams, DiagnosticSeverity.Error,
        "Stream method with a state is not an iterator",
        "The stream method '{0}' takes a StreamState<{1}> but is not an iterator: a checkpoint it takes before returning its records would be saved ahead of them; write it with yield return",
        "A checkpoint (state.Checkpoint(…)) says every record produced so far has been emitted. That holds only when the method yields its records one by one (an iterator, async or not): the runtime emits each record before the method runs on to its next checkpoint.");
}
