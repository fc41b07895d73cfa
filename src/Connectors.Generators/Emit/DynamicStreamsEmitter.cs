using System.Linq;
using Connectors.Generators.Model;

namespace Connectors.Generators.Emit;

/// <summary>
/// Emits <c>{Connector}.DynamicStreams.g.cs</c>: one <c>DynamicStreamSource</c> per <c>[DiscoverStreams]</c> method, with
/// direct calls of the discovery method and of the read method it names (no reflection). The connector's description
/// lists them (<c>DynamicStreams = CreateDynamicStreams()</c>).
/// </summary>
internal static class DynamicStreamsEmitter
{
    /// <summary>The factory the description calls.</summary>
    public const string FactoryName = "CreateDynamicStreams";

    public static string Emit(DynamicStreamsModel model)
    {
        var type = model.Type;
        var self = type.FullName;
        var source = $"global::Connectors.Runtime.DynamicStreamSource<{self}>";
        var writer = GeneratedFile.Header("the streams found at run time by [DiscoverStreams] methods");
        if (type.Namespace.Length > 0)
        {
            writer.Line($"namespace {type.Namespace};");
            writer.Line();
        }
        var blocks = type.Containers.Select(c => writer.Block($"partial {c.Keyword} {c.Name}")).ToList();
        using (writer.Block($"partial {type.Keyword} {type.Name}"))
        using (writer.Block($"private static partial class {GeneratedFile.GeneratedClass}"))
        {
            writer.Line("/// <summary>The families of streams known only at run time, in declaration order.</summary>");
            using (writer.Block($"public static {source}[] {FactoryName}() => new {source}[]", "};"))
            {
                foreach (var family in model.Families)
                {
                    using (writer.Block($"new {source}", "},"))
                    {
                        writer.Line($"Name = \"{family.DiscoverMethod}\",");
                        writer.Line($"Discover = static (connector, request) => {DiscoverCall(self, family)},");
                        writer.Line($"Read = static (connector, request, rows) => {ReadCall(self, family)},");
                    }
                }
            }
        }
        for (var i = blocks.Count - 1; i >= 0; i--)
        {
            blocks[i].Dispose();
        }
        return writer.ToString();
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
            ReadReturnKind.ValueTask => call,
            ReadReturnKind.Task => $"new global::System.Threading.Tasks.ValueTask({call})",
            _ => $"{{ {call}; return default; }}",
        };
    }

    private static string Call(string self, bool isStatic, string method, Helpers.EquatableArray<DynamicArgument> parameters) =>
        $"{(isStatic ? self : "connector")}.{GeneratedFile.Escape(method)}({string.Join(", ", parameters.Select(p => Argument(p.Kind)))})";

    private static string Argument(DynamicArgumentKind kind) => kind switch
    {
        DynamicArgumentKind.CancellationToken => "request.CancellationToken",
        DynamicArgumentKind.Logger => "request.Logger",
        DynamicArgumentKind.Request => "request",
        _ => "rows",
    };
}
