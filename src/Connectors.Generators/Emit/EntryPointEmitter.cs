using Connectors.Generators.Model;

namespace Connectors.Generators.Emit;

/// <summary>Emits <c>{Connector}.Program.g.cs</c>: a <c>Main</c> that hands the command line to the runtime's host.</summary>
internal static class EntryPointEmitter
{
    public static string Emit(EntryPointModel connector)
    {
        var writer = GeneratedFile.Header("the program's entry point (set ConnectorsGenerateEntryPoint=false to write your own)");
        if (connector.Type.Namespace.Length > 0)
        {
            writer.Line($"namespace {connector.Type.Namespace};");
            writer.Line();
        }
        writer.Line($"/// <summary>Runs {connector.ConnectorName}: <c>spec</c>, <c>check</c>, <c>discover</c>, <c>read</c> and the other commands of its hosts.</summary>");
        writer.Line(GeneratedFile.GeneratedCodeAttribute);
        using (writer.Block($"internal static class {ClassName(connector)}"))
        {
            writer.Line("/// <summary>The entry point.</summary>");
            writer.Line("public static global::System.Threading.Tasks.Task<int> Main(string[] args) =>");
            writer.Line($"    global::Connectors.Runtime.Hosting.ConnectorHost.RunAsync<{connector.Type.FullName}>(args);");
        }
        return writer.ToString();
    }

    public static string ClassName(EntryPointModel connector) => connector.Type.Name + "Program";
}
