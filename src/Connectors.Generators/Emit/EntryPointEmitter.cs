using Connectors.Generators.Model;

namespace Connectors.Generators.Emit;

/// <summary>Emits <c>{Connector}.Program.g.cs</c>: a <c>Main</c> that hands the command line to the runtime's host.</summary>
internal static class EntryPointEmitter
{
    public static string Emit(EntryPointModel connector)
    {
        var writer = GeneratedFile.Header("the program's entry point (set ConnectorsGenerateEntryPoint=false to write your own)",
            connector.UsageDiagnosticIds);
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

    /// <summary>
    /// The Main of a connector whose class the generator cannot complete (not partial, static, abstract, generic, or
    /// without a parameterless constructor): the build already fails on the analyzers' error for it, and without a Main
    /// the compiler would add CS5001. Should that error be switched off, the program says why it cannot run.
    /// </summary>
    public static string EmitStandIn(EntryPointModel connector)
    {
        var writer = GeneratedFile.Header("a stand-in entry point: the connector class could not be generated", connector.UsageDiagnosticIds);
        if (connector.Type.Namespace.Length > 0)
        {
            writer.Line($"namespace {connector.Type.Namespace};");
            writer.Line();
        }
        var problem = $"{connector.ConnectorName} cannot run: the Connectors generator could not complete the class {connector.Type.Name} "
            + "(it must be partial, like every type that contains it, not static, abstract or generic, and have a parameterless constructor).";
        writer.Line($"/// <summary>Stands in for the Main of {connector.ConnectorName}, whose class the generator could not complete (see the Connectors errors on it).</summary>");
        writer.Line(GeneratedFile.GeneratedCodeAttribute);
        using (writer.Block($"internal static class {ClassName(connector)}"))
        {
            writer.Line("/// <summary>Says why the connector cannot run, and fails.</summary>");
            using (writer.Block("public static int Main(string[] args)"))
            {
                writer.Line($"global::System.Console.Error.WriteLine({CSharpLiterals.String(problem)});");
                writer.Line("return 1;");
            }
        }
        return writer.ToString();
    }

    public static string ClassName(EntryPointModel connector) => connector.Type.Name + "Program";
}
