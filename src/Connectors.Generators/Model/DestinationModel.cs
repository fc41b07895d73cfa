using Connectors.Generators.Helpers;

namespace Connectors.Generators.Model;

/// <summary>How a destination writes: its declared sync modes, batch sizes and hook methods.</summary>
/// <param name="SyncModes">The <c>DestinationSyncModes</c> flags the spec advertises (only implementable ones).</param>
/// <param name="MaxBatchRecords">Records per batch (0: runtime default).</param>
/// <param name="MaxBatchBytes">Bytes per batch (0: runtime default).</param>
/// <param name="Write">The <c>[Write]</c> method.</param>
/// <param name="StreamStart">The <c>[StreamStart]</c> method, if any.</param>
/// <param name="StreamEnd">The <c>[StreamEnd]</c> method (a stream completed), if any.</param>
/// <param name="StreamIncomplete">The <c>[StreamIncomplete]</c> method (a stream did not complete), if any.</param>
/// <param name="Commit">The <c>[Commit]</c> method, if any.</param>
internal sealed record DestinationModel(
    int SyncModes,
    int MaxBatchRecords,
    int MaxBatchBytes,
    DestinationMethodModel Write,
    DestinationMethodModel? StreamStart,
    DestinationMethodModel? StreamEnd,
    DestinationMethodModel? StreamIncomplete,
    DestinationMethodModel? Commit);

/// <summary>A destination method the runtime calls: its name, how it returns, and the parameters it takes.</summary>
/// <param name="MethodName">The C# method.</param>
/// <param name="IsStatic">The method is static.</param>
/// <param name="Return"><see cref="ReturnKind.Value"/> for <c>void</c>, else <c>Task</c> or <c>ValueTask</c>.</param>
/// <param name="Parameters">The parameters, in order.</param>
internal sealed record DestinationMethodModel(string MethodName, bool IsStatic, ReturnKind Return, EquatableArray<ParameterModel> Parameters);

/// <summary>The <c>DestinationSyncModes</c> flag values (Connectors.Abstractions), which the generator does not reference.</summary>
internal static class SyncModeFlags
{
    public const int Append = 1;
    public const int Overwrite = 2;
    public const int AppendDedup = 4;
    public const int All = Append | Overwrite | AppendDedup;

    /// <summary>Flag names in declaration order, for generated code and messages.</summary>
    public static readonly (int Flag, string Name)[] Names = { (Append, "Append"), (Overwrite, "Overwrite"), (AppendDedup, "AppendDedup") };
}
