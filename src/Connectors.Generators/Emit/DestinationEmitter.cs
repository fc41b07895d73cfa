using System.Linq;
using Connectors.Generators.Model;

namespace Connectors.Generators.Emit;

/// <summary>
/// Emits <c>{Connector}.Destination.g.cs</c>: the destination's sync modes and batch sizes, and the direct calls of its
/// <c>[Write]</c>, <c>[StreamStart]</c>, <c>[StreamEnd]</c>, <c>[StreamIncomplete]</c> and <c>[Commit]</c> methods the
/// runtime's write host makes.
/// </summary>
internal static class DestinationEmitter
{
    private const string ValueTask = "global::System.Threading.Tasks.ValueTask";

    public static string Emit(ConnectorModel connector, DestinationModel destination) =>
        GeneratedFile.Write(connector, "how the destination writes", writer =>
        {
            var self = connector.Type.FullName;
            writer.Line("/// <summary>How the runtime writes through the destination: sync modes, batch sizes and direct calls of its methods.</summary>");
            using (writer.Block($"private static global::Connectors.Runtime.DestinationHandlers<{self}> {GeneratedNames.DestinationFactory}() => new()", "};"))
            {
                writer.Line($"SyncModes = {SyncModes(destination.SyncModes)},");
                if (destination.MaxBatchRecords > 0)
                {
                    writer.Line($"MaxBatchRecords = {destination.MaxBatchRecords},");
                }
                if (destination.MaxBatchBytes > 0)
                {
                    writer.Line($"MaxBatchBytes = {destination.MaxBatchBytes},");
                }
                Handler(writer, connector, "Write", destination.Write);
                Handler(writer, connector, "StartStream", destination.StreamStart);
                Handler(writer, connector, "EndStream", destination.StreamEnd);
                Handler(writer, connector, "IncompleteStream", destination.StreamIncomplete);
                Handler(writer, connector, "Commit", destination.Commit);
            }
        });

    private static string SyncModes(int modes)
    {
        var names = SyncModeFlags.Names.Where(n => (modes & n.Flag) != 0).Select(n => "global::Connectors.DestinationSyncModes." + n.Name).ToList();
        return names.Count == 0 ? "global::Connectors.DestinationSyncModes.None" : string.Join(" | ", names);
    }

    /// <summary>A handler property: a lambda that calls the method and returns a ValueTask whatever the method returns.</summary>
    private static void Handler(SourceWriter writer, ConnectorModel connector, string property, DestinationMethodModel? hook)
    {
        if (hook is null)
        {
            return;
        }
        var target = hook.IsStatic ? connector.Type.FullName : "connector";
        var call = $"{target}.{GeneratedFile.Escape(hook.MethodName)}({string.Join(", ", hook.Parameters.Select(Argument))})";
        switch (hook.Return)
        {
            case ReturnKind.ValueTask:
                writer.Line($"{property} = static (connector, request) => {call},");
                break;
            case ReturnKind.Task:
                writer.Line($"{property} = static (connector, request) => new {ValueTask}({call}),");
                break;
            default:
                using (writer.Block($"{property} = static (connector, request) =>", "},"))
                {
                    writer.Line(call + ";");
                    writer.Line("return default;");
                }
                break;
        }
    }

    private static string Argument(ParameterModel parameter) => parameter.Kind switch
    {
        ParameterKind.DestinationStream => "request.Stream",
        ParameterKind.RecordBatch => "request.Batch",
        ParameterKind.IncompleteReason => "request.Reason",
        ParameterKind.Logger => "request.Logger",
        _ => "request.CancellationToken",
    };
}
