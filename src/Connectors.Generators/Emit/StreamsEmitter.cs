using System.Collections.Generic;
using System.Linq;
using Connectors.Generators.Model;
using Connectors.Generators.Schema;

namespace Connectors.Generators.Emit;

/// <summary>
/// Emits <c>{Connector}.Streams.g.cs</c>: one catalog entry per stream (name, record schema, primary key, cursor, sync
/// modes) together with the direct call of the author's stream method and the record serializer it uses.
/// </summary>
internal static class StreamsEmitter
{
    public static string Emit(ConnectorModel connector, GeneratedNames names) =>
        GeneratedFile.Write(connector, "the stream catalog and stream dispatch", writer =>
        {
            for (var i = 0; i < connector.Streams.Count; i++)
            {
                if (i > 0)
                {
                    writer.Line();
                }
                EmitStream(writer, connector, names, connector.Streams[i], i);
            }
        });

    private static void EmitStream(SourceWriter writer, ConnectorModel connector, GeneratedNames names, StreamModel stream, int index)
    {
        var self = connector.Type.FullName;
        // A method may yield a nullable element type (IEnumerable<Item?>): the stream is then typed that way, and the
        // runtime, which rejects null records, hands the value on as non-null.
        var nullable = stream.Record.IsNullable;
        var record = stream.Record.TypeName + (nullable ? "?" : "");
        var access = !nullable ? "record" : stream.Record.IsNullableValueType ? "record.GetValueOrDefault()" : "record!";
        writer.Line($"/// <summary>The stream '{CSharpLiterals.Xml(stream.Name)}': records of {CSharpLiterals.Xml(GeneratedFile.SimpleName(record))}, read by {CSharpLiterals.Xml(stream.MethodName)}.</summary>");
        using (writer.Block($"private static global::Connectors.Runtime.SourceStream<{self}> {names.StreamFactory(index)}() => new global::Connectors.Runtime.SourceStream<{self}, {record}>", "};"))
        {
            writer.Line($"Name = {CSharpLiterals.String(stream.Name)},");
            if (stream.Namespace is not null)
            {
                writer.Line($"Namespace = {CSharpLiterals.String(stream.Namespace)},");
            }
            writer.Line($"JsonSchema = {names.StreamSchema(index)},");
            if (!stream.PrimaryKey.IsEmpty)
            {
                var paths = stream.PrimaryKey.Select(p => "new[] { " + string.Join(", ", p.Segments.Select(CSharpLiterals.String)) + " }");
                writer.Line($"PrimaryKey = new string[][] {{ {string.Join(", ", paths)} }},");
            }
            if (stream.SupportsIncremental)
            {
                writer.Line("SupportsIncremental = true,");
            }
            if (stream.SortedByCursor)
            {
                writer.Line("SortedByCursor = true,");
            }
            if (stream.CheckpointInterval > 0)
            {
                writer.Line($"CheckpointInterval = {stream.CheckpointInterval},");
            }
            if (stream.Cursor is { } cursor)
            {
                var read = access + "." + GeneratedFile.Escape(cursor.MemberName) + (IsNullableReference(stream, cursor) ? "!" : "");
                writer.Line($"Cursor = new global::Connectors.Runtime.StreamCursor<{record}, {cursor.TypeName}>({CSharpLiterals.String(cursor.JsonName)}, static record => {read}, global::Connectors.Runtime.CursorCodecs.{Codec(cursor.Kind)}),");
            }
            if (stream.State is { } state)
            {
                // The author's System.Text.Json context serializes the state; GetTypeInfo is its generated switch, no reflection.
                writer.Line($"StateShape = new global::Connectors.Runtime.StreamStateShape<{state.TypeName}>({state.ContextTypeName}.Default.GetTypeInfo(typeof({state.TypeName})), {CSharpLiterals.String(GeneratedFile.SimpleName(state.ContextTypeName))}),");
            }
            var target = stream.IsStatic ? self : "connector";
            var call = $"{target}.{GeneratedFile.Escape(stream.MethodName)}({string.Join(", ", stream.Parameters.Select(ServiceArguments.Of))})";
            writer.Line($"{(stream.IsAsync ? "Open" : "OpenSync")} = static (connector, request) => {call},");
            var writeRecord = names.RecordWriter(stream.Record.TypeName);
            writer.Line(nullable
                ? $"WriteRecord = static (writer, record) => {writeRecord}(writer, {access}),"
                : $"WriteRecord = {writeRecord},");
        }
        writer.Line();
        GeneratedFile.RawString(writer, $"private const string {names.StreamSchema(index)} = ", SchemaBuilder.Record(stream.Record).ToString(), ";");
    }

    private static bool IsNullableReference(StreamModel stream, CursorModel cursor)
    {
        var member = stream.Record.Object!.Members.FirstOrDefault(m => m.Name == cursor.MemberName);
        return member is not null && member.Type.IsNullable && !member.Type.IsNullableValueType;
    }

    /// <summary>The runtime's codec for a kind of cursor (a member of <c>CursorCodecs</c>).</summary>
    private static string Codec(CursorKind kind) => kind switch
    {
        CursorKind.String => "String",
        CursorKind.Int32 => "Int32",
        CursorKind.Int64 => "Int64",
        CursorKind.Decimal => "Decimal",
        CursorKind.Double => "Double",
        CursorKind.DateTime => "DateTime",
        CursorKind.DateTimeOffset => "DateTimeOffset",
        _ => "DateOnly",
    };
}
