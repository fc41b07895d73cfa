using System.Linq;
using Connectors.Generators.Helpers;
using Connectors.Generators.Model;

namespace Connectors.Generators.Emit;

/// <summary>
/// Emits <c>{Connector}.DynamicStreams.g.cs</c>: one <c>DynamicStreamSource</c> per <c>[DiscoverStreams]</c> method, with
/// direct calls of the discovery method and of the read method it names (no reflection). The connector's description
/// lists them (<c>DynamicStreams = CreateDynamicStreams()</c>, <see cref="GeneratedNames.DynamicStreamsFactory"/>).
/// </summary>
internal static class DynamicStreamsEmitter
{
    public static string Emit(DynamicStreamsModel model)
    {
        var self = model.Type.FullName;
        var source = $"global::Connectors.Runtime.DynamicStreamSource<{self}>";
        return GeneratedFile.Write(model.Type, model.UsageDiagnosticIds, "the streams found at run time by [DiscoverStreams] methods", writer =>
        {
            writer.Line("/// <summary>The families of streams known only at run time, in declaration order.</summary>");
            using (writer.Block($"public static {source}[] {GeneratedNames.DynamicStreamsFactory}() => new {source}[]", "};"))
            {
                foreach (var family in model.Families)
                {
                    using (writer.Block($"new {source}", "},"))
                    {
                        writer.Line($"Name = {CSharpLiterals.String(family.DiscoverMethod)},");
                        writer.Line($"Discover = static (connector, request) => {DiscoverCall(self, family)},");
                        writer.Line($"Read = static (connector, request, rows) => {ReadCall(self, family)},");
                    }
                }
            }
        });
    }

    private static string DiscoverCall(string self, DynamicStreamFamilyModel family)
    {
        var call = Call(self, family.DiscoverIsStatic, family.DiscoverMethod, family.DiscoverParameters);
        return family.DiscoverReturn == DiscoverReturnKind.AsyncEnumerable
            ? $"global::Connectors.Runtime.DiscoveryCalls.From({call}, request.CancellationToken)"
            : $"global::Connectors.Runtime.DiscoveryCalls.From({call})";
    }

    private static string ReadCall(string self, DynamicStreamFamilyModel family)
    {
        var call = Call(self, family.ReadIsStatic, family.ReadMethod, family.ReadParameters);
        return family.ReadReturn switch
        {
            ReturnKind.ValueTask => call,
            ReturnKind.Task => $"new global::System.Threading.Tasks.ValueTask({call})",
            _ => $"{{ {call}; return default; }}",
        };
    }

    private static string Call(string self, bool isStatic, string method, EquatableArray<DynamicArgument> parameters) =>
        $"{(isStatic ? self : "connector")}.{GeneratedFile.Escape(method)}({string.Join(", ", parameters.Select(p => Argument(p.Kind)))})";

    private static string Argument(DynamicArgumentKind kind) => kind switch
    {
        DynamicArgumentKind.CancellationToken => "request.CancellationToken",
        DynamicArgumentKind.Logger => "request.Logger",
        DynamicArgumentKind.Request => "request",
        _ => "rows",
    };
}
