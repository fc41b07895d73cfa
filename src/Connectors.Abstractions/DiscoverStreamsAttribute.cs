using System;

namespace Connectors;

/// <summary>
/// Marks a method that describes streams known only at run time (one per table of a database, per file pattern, per
/// resource of a discovery endpoint), and names the method that reads them. Such streams sit beside the class's static
/// <c>[Stream]</c> methods in the catalog.
/// </summary>
/// <remarks>
/// The discovery method takes the bound configuration from the connector instance and returns the streams:
/// <c>IEnumerable&lt;StreamDescription&gt;</c> (a list, an array…), <c>Task</c>/<c>ValueTask</c> of one, or
/// <c>IAsyncEnumerable&lt;StreamDescription&gt;</c>. Optional parameters: <c>CancellationToken</c>, <c>ILogger</c>.
/// The read method returns <c>Task</c>, <c>ValueTask</c> or <c>void</c> and takes a <c>DynamicStreamRequest</c> (the
/// configured stream: its description, sync mode, chosen cursor and primary key, selected fields, saved state) and a
/// <c>RowWriter</c> (rows as UTF-8 JSON, <c>JsonElement</c>s or written field by field, and checkpoints of any state
/// shape); optionally a <c>CancellationToken</c> and an <c>ILogger</c>, in any order.
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class DiscoverStreamsAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="readMethod">The method that reads the discovered streams: <c>nameof(ReadTable)</c>.</param>
    public DiscoverStreamsAttribute(string readMethod) => ReadMethod = readMethod;

    /// <summary>The name of the method that reads the discovered streams.</summary>
    public string ReadMethod { get; }
}
