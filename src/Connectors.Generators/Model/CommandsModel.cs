using Connectors.Generators.Helpers;

namespace Connectors.Generators.Model;

/// <summary>
/// The steering side of a connector: its <c>[Command]</c> methods and lifecycle hooks. Present only when the class
/// declares at least one of them, so connectors without commands generate exactly what they did before.
/// </summary>
/// <param name="Commands">The custom commands, in declaration order.</param>
/// <param name="Hooks">The lifecycle hooks, in declaration order.</param>
/// <param name="PayloadObjects">How to construct each class, struct or record that appears in a payload.</param>
internal sealed record CommandsModel(
    EquatableArray<CommandModel> Commands,
    EquatableArray<HookModel> Hooks,
    EquatableArray<PayloadObjectModel> PayloadObjects);

/// <summary>A <c>[Command]</c> method.</summary>
/// <param name="Action">The command's action.</param>
/// <param name="Description">From the attribute or the method's XML doc summary.</param>
/// <param name="MethodName">The C# method.</param>
/// <param name="IsStatic">The method is static.</param>
/// <param name="Return">How the method returns (a value, a Task or a ValueTask).</param>
/// <param name="Result">The JSON shape of the returned value; null when the method returns nothing (or JSON text).</param>
/// <param name="ResultTypeName">The returned (or awaited) type as C# writes it, nullable annotation included.</param>
/// <param name="ResultIsJsonText">The method returns a string that holds JSON.</param>
/// <param name="Parameters">The method's parameters, in order.</param>
/// <param name="Payload">The payload object: one member per payload parameter, or the whole-payload type's members.</param>
/// <param name="WholePayload">How a <c>[Payload]</c> parameter takes the whole payload; null when the payload's fields bind to parameters.</param>
internal sealed record CommandModel(
    string Action,
    string? Description,
    string MethodName,
    bool IsStatic,
    ReturnKind Return,
    TypeShape? Result,
    string? ResultTypeName,
    bool ResultIsJsonText,
    EquatableArray<CommandParameterModel> Parameters,
    ObjectModel Payload,
    WholePayloadModel? WholePayload = null);

/// <summary>A <c>[Payload]</c> parameter: the whole payload object binds to it.</summary>
/// <param name="TypeName">The parameter's type, <c>global::</c>-qualified.</param>
/// <param name="IsJson">It is a <c>JsonElement</c>: any payload object, as is (the payload schema is open).</param>
internal sealed record WholePayloadModel(string TypeName, bool IsJson);

/// <summary>Where the value of a command or hook parameter comes from.</summary>
internal enum CommandParameterKind
{
    /// <summary>Bound from the payload member of the same name.</summary>
    Payload,
    /// <summary>The whole payload object (<c>[Payload]</c>).</summary>
    WholePayload,
    CancellationToken,
    Logger,
    OperatingStatus,
    ConnectorContext,
}

/// <summary>A parameter of a command or hook method.</summary>
/// <param name="Kind">Where its value comes from.</param>
/// <param name="Name">The parameter's name (for payload parameters, also the payload member's C# name).</param>
internal sealed record CommandParameterModel(CommandParameterKind Kind, string Name);

/// <summary>The lifecycle hooks a connector may implement, named as TetraScience's SDK names them.</summary>
internal enum HookKind
{
    OnInitializing,
    OnInitialized,
    OnStart,
    OnStop,
    OnShutdown,
    OnConnectorUpdated,
    OnConnectorDeleted,
    ValidateConfig,
}

/// <summary>A lifecycle hook method.</summary>
/// <param name="Kind">The hook.</param>
/// <param name="MethodName">The C# method.</param>
/// <param name="IsStatic">The method is static.</param>
/// <param name="Return">How it returns: nothing (<see cref="ReturnKind.Value"/> means void, or a CheckResult for ValidateConfig), a Task or a ValueTask.</param>
/// <param name="Parameters">The runtime-supplied parameters, in order.</param>
internal sealed record HookModel(HookKind Kind, string MethodName, bool IsStatic, ReturnKind Return, EquatableArray<CommandParameterModel> Parameters);

/// <summary>
/// How a payload object is built: some members go to its constructor, some into an object initializer (required and
/// init-only members), the rest are assigned afterwards, and only when present so their initializers are kept.
/// </summary>
/// <param name="TypeName">The <c>global::</c>-qualified type.</param>
/// <param name="Object">The members, as shaped for the schema and the value readers.</param>
/// <param name="ConstructorMembers">The members passed to the constructor, in parameter order.</param>
/// <param name="InitializerMembers">The members set in the object initializer.</param>
internal sealed record PayloadObjectModel(
    string TypeName,
    ObjectModel Object,
    EquatableArray<string> ConstructorMembers,
    EquatableArray<string> InitializerMembers);
