using Connectors.Generators.Helpers;

namespace Connectors.Generators.Model;

/// <summary>
/// Everything the emitters need about one <c>[Connector]</c> class. Immutable and compared by value (STJ's rule: a
/// model that is not structurally equatable breaks incremental caching); no ISymbol, SyntaxNode, Location or Compilation.
/// </summary>
/// <param name="Type">Where the class is declared.</param>
/// <param name="Name">The connector's name.</param>
/// <param name="Version">The connector's version.</param>
/// <param name="Title">The spec's title.</param>
/// <param name="DocumentationUrl">The documentation URL, if any.</param>
/// <param name="IsDestination">A destination rather than a source.</param>
/// <param name="Config">The configuration: the connector class's <c>[ConfigProperty]</c> members.</param>
/// <param name="Check">The check method, if any.</param>
/// <param name="Streams">The streams, in declaration order.</param>
internal sealed record ConnectorModel(
    TypeDeclarationModel Type,
    string Name,
    string Version,
    string Title,
    string? DocumentationUrl,
    bool IsDestination,
    ObjectModel Config,
    CheckModel? Check,
    EquatableArray<StreamModel> Streams)
{
    /// <summary>For a destination with a valid <c>[Write]</c> method: how it writes.</summary>
    public DestinationModel? Destination { get; init; }

    /// <summary>The commands and lifecycle hooks; null when the class declares none.</summary>
    public CommandsModel? Commands { get; init; }

    /// <summary>The class says <c>[Connector(..., StrictConfig = true)]</c>: unknown config keys are errors, not warnings.</summary>
    public bool StrictConfig { get; init; }

    /// <summary>The class has valid <c>[DiscoverStreams]</c> families (emitted by <c>DynamicStreamsEmitter</c>).</summary>
    public bool HasDynamicStreams { get; init; }
    /// <summary>
    /// Diagnostic ids that naming the author's types and members raises besides CS0612/CS0618 (their
    /// <c>[Obsolete(DiagnosticId = …)]</c> and <c>[Experimental(…)]</c> ids), ordinal order.
    /// </summary>
    public EquatableArray<string> UsageDiagnosticIds { get; init; } = EquatableArray<string>.Empty;
}

/// <summary>Where a type is declared: its namespace and the chain of (partial) types that contain it.</summary>
/// <param name="Namespace">The namespace, or empty for the global namespace.</param>
/// <param name="Containers">The enclosing types, outermost first, each as the keyword and name to reopen it with.</param>
/// <param name="Keyword">The connector's own keyword (<c>class</c> or <c>record</c>).</param>
/// <param name="Name">The connector class's name.</param>
/// <param name="FullName">The <c>global::</c>-qualified name.</param>
internal sealed record TypeDeclarationModel(string Namespace, EquatableArray<ContainerModel> Containers, string Keyword, string Name, string FullName)
{
    /// <summary>A file name prefix that is unique per type: <c>Faker.FakerSource</c>.</summary>
    public string HintName => FullName.Replace("global::", "").Replace('<', '_').Replace('>', '_');
}

/// <summary>A type that encloses the connector class.</summary>
internal sealed record ContainerModel(string Keyword, string Name);

/// <summary>What a parameter of a check or stream method is given by the runtime.</summary>
internal enum ParameterKind
{
    CancellationToken,
    Logger,
    StreamContext,
    Cursor,
    State,
    DestinationStream,
    RecordBatch,
    IncompleteReason,
}

/// <summary>A parameter the runtime supplies.</summary>
/// <param name="Kind">What the runtime passes.</param>
/// <param name="TypeName">For a cursor: the parameter's <c>global::</c>-qualified type, without the nullable wrapper; for a
/// state: the state type.</param>
/// <param name="IsNullable">For a cursor: the parameter accepts null.</param>
/// <param name="IsValueType">For a cursor: the type is a value type.</param>
internal sealed record ParameterModel(ParameterKind Kind, string TypeName, bool IsNullable, bool IsValueType);

/// <summary>How a check or command method returns its result.</summary>
internal enum ReturnKind
{
    Value,
    Task,
    ValueTask,
}

/// <summary>The <c>[Check]</c> method.</summary>
internal sealed record CheckModel(string MethodName, bool IsStatic, ReturnKind Return, EquatableArray<ParameterModel> Parameters);

/// <summary>A <c>[Stream]</c> method and the catalog entry it makes.</summary>
/// <param name="Name">The stream's name.</param>
/// <param name="Namespace">The stream's namespace, if any.</param>
/// <param name="MethodName">The C# method.</param>
/// <param name="IsStatic">The method is static.</param>
/// <param name="IsAsync">Returns <c>IAsyncEnumerable&lt;T&gt;</c> rather than <c>IEnumerable&lt;T&gt;</c>.</param>
/// <param name="Parameters">The method's parameters, in order.</param>
/// <param name="Record">The record type.</param>
/// <param name="PrimaryKey">JSON field paths of the primary key.</param>
/// <param name="Cursor">The cursor, if declared.</param>
/// <param name="SortedByCursor">Records come in ascending cursor order.</param>
/// <param name="CheckpointInterval">Records between mid-stream checkpoints (0: runtime default).</param>
/// <param name="State">The state of its own the stream keeps (a <c>StreamState&lt;T&gt;</c> parameter), if any.</param>
internal sealed record StreamModel(
    string Name,
    string? Namespace,
    string MethodName,
    bool IsStatic,
    bool IsAsync,
    EquatableArray<ParameterModel> Parameters,
    TypeShape Record,
    EquatableArray<PathModel> PrimaryKey,
    CursorModel? Cursor,
    bool SortedByCursor,
    int CheckpointInterval,
    StreamStateModel? State = null)
{
    /// <summary>True when the method takes a cursor or a state parameter, so it can read incrementally.</summary>
    public bool SupportsIncremental
    {
        get
        {
            foreach (var parameter in Parameters)
            {
                if (parameter.Kind is ParameterKind.Cursor or ParameterKind.State)
                {
                    return true;
                }
            }
            return false;
        }
    }
}

/// <summary>A stream's state of its own shape.</summary>
/// <param name="TypeName">The state type, <c>global::</c>-qualified.</param>
/// <param name="ContextTypeName">The <c>JsonSerializerContext</c> that serializes it, <c>global::</c>-qualified.</param>
internal sealed record StreamStateModel(string TypeName, string ContextTypeName);

/// <summary>A field path: JSON names from the record's top level down.</summary>
internal sealed record PathModel(EquatableArray<string> Segments);

/// <summary>A stream's cursor.</summary>
/// <param name="MemberName">The C# member of the record.</param>
/// <param name="JsonName">The JSON field name.</param>
/// <param name="TypeName">The member's <c>global::</c>-qualified type.</param>
/// <param name="Kind">Which of the cursor types the runtime compares and saves the member's type is.</param>
internal sealed record CursorModel(string MemberName, string JsonName, string TypeName, CursorKind Kind);

/// <summary>The cursor types the runtime can compare and save (each has a codec in the runtime's <c>CursorCodecs</c>).</summary>
internal enum CursorKind
{
    String,
    Int32,
    Int64,
    Decimal,
    Double,
    DateTime,
    DateTimeOffset,
    DateOnly,
}
