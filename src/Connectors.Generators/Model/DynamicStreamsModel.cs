using Connectors.Generators.Helpers;

namespace Connectors.Generators.Model;

/// <summary>
/// The <c>[DiscoverStreams]</c> families of one connector class, for <c>{Connector}.DynamicStreams.g.cs</c>. Equatable, no
/// symbols (the pipeline's rule); kept apart from <see cref="ConnectorModel"/> so editing a stream family regenerates only
/// this file.
/// </summary>
/// <param name="Type">Where the connector class is declared.</param>
/// <param name="Families">The families, in declaration order.</param>
/// <param name="UsageDiagnosticIds">
/// The ids naming the class, its containers and the discovery and read methods raises besides CS0612/CS0618 (see
/// <see cref="ConnectorModel.UsageDiagnosticIds"/>), ordinal order.
/// </param>
internal sealed record DynamicStreamsModel(TypeDeclarationModel Type, EquatableArray<DynamicStreamFamilyModel> Families,
    EquatableArray<string> UsageDiagnosticIds);

/// <summary>A discovery method and the read method it names.</summary>
/// <param name="DiscoverMethod">The discovery method.</param>
/// <param name="DiscoverIsStatic">The discovery method is static.</param>
/// <param name="DiscoverReturn">How it returns its streams.</param>
/// <param name="DiscoverParameters">Its parameters (CancellationToken, ILogger), in order.</param>
/// <param name="ReadMethod">The read method.</param>
/// <param name="ReadIsStatic">The read method is static.</param>
/// <param name="ReadReturn">How the read method returns (<see cref="ReturnKind.Value"/>: void).</param>
/// <param name="ReadParameters">Its parameters, in order.</param>
internal sealed record DynamicStreamFamilyModel(
    string DiscoverMethod,
    bool DiscoverIsStatic,
    DiscoverReturnKind DiscoverReturn,
    EquatableArray<DynamicArgument> DiscoverParameters,
    string ReadMethod,
    bool ReadIsStatic,
    ReturnKind ReadReturn,
    EquatableArray<DynamicArgument> ReadParameters);

/// <summary>The shapes a discovery method returns its streams in.</summary>
internal enum DiscoverReturnKind
{
    /// <summary>Any <c>IEnumerable&lt;StreamDescription&gt;</c> (a list, an array…).</summary>
    Enumerable,

    /// <summary><c>Task</c> or <c>ValueTask</c> of one.</summary>
    Awaitable,

    /// <summary><c>IAsyncEnumerable&lt;StreamDescription&gt;</c>.</summary>
    AsyncEnumerable,
}

/// <summary>What the runtime passes to a parameter of a discovery or read method.</summary>
internal enum DynamicArgumentKind
{
    CancellationToken,
    Logger,
    Request,
    Rows,
}

/// <summary>One parameter of a discovery or read method (a struct around the kind, for <see cref="EquatableArray{T}"/>).</summary>
internal readonly record struct DynamicArgument(DynamicArgumentKind Kind);
