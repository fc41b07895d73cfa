namespace Connectors.Generators.Parsing;

/// <summary>Metadata names of the types the generator recognises. The generator does not reference the Abstractions assembly.</summary>
internal static class TypeNames
{
    public const string ConnectorAttribute = "Connectors.ConnectorAttribute";
    public const string ConfigPropertyAttribute = "Connectors.ConfigPropertyAttribute";
    public const string CheckAttribute = "Connectors.CheckAttribute";
    public const string StreamAttribute = "Connectors.StreamAttribute";
    public const string WriteAttribute = "Connectors.WriteAttribute";
    public const string StreamStartAttribute = "Connectors.StreamStartAttribute";
    public const string StreamEndAttribute = "Connectors.StreamEndAttribute";
    public const string StreamIncompleteAttribute = "Connectors.StreamIncompleteAttribute";
    public const string StreamIncompleteReason = "Connectors.StreamIncompleteReason";
    public const string CommitAttribute = "Connectors.CommitAttribute";
    public const string DestinationStream = "Connectors.DestinationStream";
    public const string RecordBatch = "Connectors.RecordBatch";
    public const string CommandAttribute = "Connectors.CommandAttribute";
    public const string PayloadAttribute = "Connectors.PayloadAttribute";
    public const string OnInitializingAttribute = "Connectors.OnInitializingAttribute";
    public const string OnInitializedAttribute = "Connectors.OnInitializedAttribute";
    public const string OnStartAttribute = "Connectors.OnStartAttribute";
    public const string OnStopAttribute = "Connectors.OnStopAttribute";
    public const string OnShutdownAttribute = "Connectors.OnShutdownAttribute";
    public const string OnConnectorDeletedAttribute = "Connectors.OnConnectorDeletedAttribute";
    public const string OnConnectorUpdatedAttribute = "Connectors.OnConnectorUpdatedAttribute";
    public const string ValidateConfigAttribute = "Connectors.ValidateConfigAttribute";
    public const string OperatingStatus = "Connectors.OperatingStatus";
    public const string ConnectorContext = "Connectors.Runtime.ConnectorContext";
    public const string JsonElement = "System.Text.Json.JsonElement";
    public const string CheckResult = "Connectors.CheckResult";
    public const string StreamContext = "Connectors.StreamContext";
    public const string StreamState = "Connectors.Runtime.StreamState";
    public const string JsonSerializerContext = "System.Text.Json.Serialization.JsonSerializerContext";
    public const string JsonSerializableAttribute = "System.Text.Json.Serialization.JsonSerializableAttribute";
    public const string CancellationToken = "System.Threading.CancellationToken";
    public const string ILogger = "Microsoft.Extensions.Logging.ILogger";
    public const string Task = "System.Threading.Tasks.Task";
    public const string ValueTask = "System.Threading.Tasks.ValueTask";
    public const string IAsyncEnumerable = "System.Collections.Generic.IAsyncEnumerable";
    public const string IEnumerable = "System.Collections.Generic.IEnumerable";
    public const string JsonPropertyNameAttribute = "System.Text.Json.Serialization.JsonPropertyNameAttribute";
    public const string JsonIgnoreAttribute = "System.Text.Json.Serialization.JsonIgnoreAttribute";
    public const string JsonStringEnumMemberNameAttribute = "System.Text.Json.Serialization.JsonStringEnumMemberNameAttribute";
    public const string EnumMemberAttribute = "System.Runtime.Serialization.EnumMemberAttribute";
}
