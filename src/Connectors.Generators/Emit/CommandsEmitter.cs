using System.Collections.Generic;
using System.Linq;
using Connectors.Generators.Model;
using Connectors.Generators.Schema;

namespace Connectors.Generators.Emit;

/// <summary>
/// Emits <c>{Connector}.Commands.g.cs</c>: the custom commands (action, description, payload schema), the
/// <c>switch</c> that dispatches an action to the author's method with its payload bound, the lifecycle hooks, and
/// how a validated configuration is copied onto the running connector.
/// </summary>
internal static class CommandsEmitter
{
    private const string Runtime = "global::Connectors.Runtime";
    private const string ValueTask = "global::System.Threading.Tasks.ValueTask";
    private const string Result = Runtime + ".CommandResult";

    public static string Emit(ConnectorModel connector, GeneratedNames names) =>
        GeneratedFile.Write(connector, "the commands, lifecycle hooks and payload binders", writer =>
        {
            var commands = connector.Commands!;
            EmitFactory(writer, connector, names);
            var binder = new PayloadBinderEmitter(commands, names);
            for (var i = 0; i < commands.Commands.Count; i++)
            {
                writer.Line();
                EmitCommand(writer, connector, commands.Commands[i], i, binder, names);
            }
            binder.EmitObjectReaders(writer);
        });

    private static void EmitFactory(SourceWriter writer, ConnectorModel connector, GeneratedNames names)
    {
        var self = connector.Type.FullName;
        var commands = connector.Commands!;
        writer.Line("/// <summary>The custom commands, the lifecycle hooks and how to apply a validated configuration.</summary>");
        using (writer.Block($"private static {Runtime}.ConnectorCommands<{self}> {GeneratedNames.CommandsFactory}() => new()", "};"))
        {
            if (!commands.Commands.IsEmpty)
            {
                using (writer.Block($"Custom = new {Runtime}.CustomCommand[]", "},"))
                {
                    for (var i = 0; i < commands.Commands.Count; i++)
                    {
                        var command = commands.Commands[i];
                        var description = command.Description is null ? "null" : CSharpLiterals.String(command.Description);
                        writer.Line($"new({CSharpLiterals.String(command.Action)}, {description}, {names.CommandPayloadSchema(i)}, {PayloadKeys(command)}),");
                    }
                }
                writer.Line("Dispatch = static (connector, request) => request.Action switch");
                writer.Line("{");
                for (var i = 0; i < commands.Commands.Count; i++)
                {
                    writer.Line($"    {CSharpLiterals.String(commands.Commands[i].Action)} => {names.CommandRunner(i)}(connector, request),");
                }
                writer.Line($"    _ => new {ValueTask}<{Result}>({Result}.UnknownAction(request.Action)),");
                writer.Line("},");
            }
            if (!commands.Hooks.IsEmpty)
            {
                using (writer.Block($"Hooks = new {Runtime}.LifecycleHooks<{self}>", "},"))
                {
                    foreach (var hook in commands.Hooks)
                    {
                        writer.Line($"{hook.Kind} = static (connector, request) => {HookCall(connector, hook)},");
                    }
                }
            }
            if (connector.Config.Members.IsEmpty)
            {
                writer.Line("CopyConfig = static (source, target) => { },");
            }
            else
            {
                using (writer.Block("CopyConfig = static (source, target) =>", "},"))
                {
                    foreach (var member in connector.Config.Members)
                    {
                        writer.Line($"target.{GeneratedFile.Escape(member.Name)} = source.{GeneratedFile.Escape(member.Name)};");
                    }
                }
            }
        }
    }

    /// <summary>The top-level payload keys the binder reads, the runtime's list of known fields: the members' JSON names.</summary>
    private static string PayloadKeys(CommandModel command)
    {
        var keys = command.Payload.Members.Select(m => m.JsonName).Distinct().ToList();
        return keys.Count == 0 ? "global::System.Array.Empty<string>()"
            : $"new string[] {{ {string.Join(", ", keys.Select(CSharpLiterals.String))} }}";
    }

    private static string HookCall(ConnectorModel connector, HookModel hook)
    {
        var call = $"{(hook.IsStatic ? connector.Type.FullName : "connector")}.{GeneratedFile.Escape(hook.MethodName)}({Arguments(hook.Parameters)})";
        if (hook.Kind == HookKind.ValidateConfig)
        {
            return hook.Return == ReturnKind.ValueTask ? call : $"new {ValueTask}<global::Connectors.CheckResult>({call})";
        }
        return hook.Return switch
        {
            ReturnKind.ValueTask => call,
            ReturnKind.Task => $"new {ValueTask}({call})",
            _ => $"{{ {call}; return default; }}",
        };
    }

    private static void EmitCommand(SourceWriter writer, ConnectorModel connector, CommandModel command, int index,
        PayloadBinderEmitter binder, GeneratedNames names)
    {
        var self = connector.Type.FullName;
        var isAsync = command.Return != ReturnKind.Value;
        var returns = isAsync ? $"async {ValueTask}<{Result}>" : $"{ValueTask}<{Result}>";
        string Wrap(string result) => isAsync ? result : $"new {ValueTask}<{Result}>({result})";

        writer.Line($"/// <summary>Runs '{CSharpLiterals.Xml(command.Action)}': binds the payload, then calls {CSharpLiterals.Xml(command.MethodName)}.</summary>");
        using (writer.Block($"private static {returns} {names.CommandRunner(index)}({self} connector, {Runtime}.CommandRequest request)"))
        {
            var members = command.Payload.Members;
            if (command.WholePayload is { } whole)
            {
                EmitWholePayload(writer, command, whole, names, Wrap);
            }
            else if (!members.IsEmpty)
            {
                writer.Line("var reader = request.Payload;");
                writer.Line("var json = reader.Root;");
                writer.Line("var path = \"$\";");
                PayloadBinderEmitter.DeclareLocals(writer, members);
                foreach (var member in members)
                {
                    binder.ReadMember(writer, member, "json", "path", value => $"{PayloadBinderEmitter.Local(member.Name)} = {value};");
                }
                using (writer.Block("if (reader.Errors.Count > 0)"))
                {
                    writer.Line($"return {Wrap($"{Result}.InvalidPayload(request)")};");
                }
            }
            var call = $"{(command.IsStatic ? self : "connector")}.{GeneratedFile.Escape(command.MethodName)}({Arguments(command.Parameters)})";
            if (isAsync)
            {
                call = $"await {call}.ConfigureAwait(false)";
            }
            var hasValue = command.ResultIsJsonText || command.Result is not null;
            writer.Line(hasValue ? $"var result = {call};" : call + ";");
            var success = command.ResultIsJsonText ? $"{Result}.FromJson(result)"
                : command.Result is not null ? $"{Result}.Success(result, {names.CommandResultWriter(index)})"
                : $"{Result}.Success()";
            writer.Line($"return {Wrap(success)};");
        }
        if (command.Result is { } shape)
        {
            writer.Line();
            writer.Line($"/// <summary>Writes the result of {CSharpLiterals.Xml(command.MethodName)} as the response body.</summary>");
            using (writer.Block($"private static void {names.CommandResultWriter(index)}(global::System.Text.Json.Utf8JsonWriter writer, {command.ResultTypeName} value)"))
            {
                new ValueWriter(writer, names).Value(shape, "value", 0);
            }
        }
        writer.Line();
        GeneratedFile.RawString(writer, $"private const string {names.CommandPayloadSchema(index)} = ",
            SchemaBuilder.Payload(command.Payload, open: command.WholePayload?.IsJson == true).ToString(), ";");
    }

    /// <summary>Binds the whole payload to the <c>[Payload]</c> parameter: as is for a JsonElement, else through its object reader.</summary>
    private static void EmitWholePayload(SourceWriter writer, CommandModel command, WholePayloadModel whole, GeneratedNames names,
        System.Func<string, string> wrap)
    {
        var local = PayloadBinderEmitter.Local(command.Parameters.First(p => p.Kind == CommandParameterKind.WholePayload).Name);
        if (whole.IsJson)
        {
            writer.Line($"var {local} = request.Payload.Root;");
            return;
        }
        writer.Line("var reader = request.Payload;");
        using (writer.Block($"if (!{names.PayloadReader(whole.TypeName)}(reader.Root, \"$\", reader, out var {local}) || reader.Errors.Count > 0)"))
        {
            writer.Line($"return {wrap($"{Result}.InvalidPayload(request)")};");
        }
    }

    private static string Arguments(IEnumerable<CommandParameterModel> parameters) =>
        string.Join(", ", parameters.Select(p => p.Kind switch
        {
            CommandParameterKind.CancellationToken => "request.CancellationToken",
            CommandParameterKind.Logger => "request.Logger",
            CommandParameterKind.OperatingStatus => "request.Status",
            CommandParameterKind.ConnectorContext => "request.Context",
            // Payload and WholePayload: the local the binder filled.
            _ => PayloadBinderEmitter.Local(p.Name),
        }));
}
