using Microsoft.CodeAnalysis;

namespace Connectors.Generators.Diagnostics;

/// <summary>
/// Every diagnostic the Connectors analyzers report: one catalogue, ids <c>CONN0001…</c> that are never reused, a help
/// page per rule under <c>docs/diagnostics/</c>. Severities can be changed in <c>.editorconfig</c>
/// (<c>dotnet_diagnostic.CONN0002.severity = error</c>).
/// </summary>
internal static partial class DiagnosticDescriptors
{
    private const string HelpRoot = "https://github.com/connectors-sdk/connectors/blob/main/docs/diagnostics/";

    public static class Categories
    {
        public const string Connector = "Connectors.Connector";
        public const string Streams = "Connectors.Streams";
        public const string Configuration = "Connectors.Configuration";
        public const string Records = "Connectors.Records";
        public const string Destinations = "Connectors.Destinations";
        public const string Commands = "Connectors.Commands";
    }

    public const string NotPartialId = "CONN0001";
    public const string MissingCheckId = "CONN0002";
    public const string MissingStreamsId = "CONN0003";
    public const string InvalidStreamReturnTypeId = "CONN0004";
    public const string InvalidStreamParameterId = "CONN0005";
    public const string UnknownPrimaryKeyMemberId = "CONN0006";
    public const string UnknownCursorMemberId = "CONN0007";
    public const string DuplicateStreamNameId = "CONN0008";
    public const string UnsupportedConfigTypeId = "CONN0009";
    public const string InvalidCheckSignatureId = "CONN0010";
    public const string UnsupportedRecordMemberTypeId = "CONN0011";
    public const string InvalidConnectorClassId = "CONN0012";
    public const string MissingParameterlessConstructorId = "CONN0013";
    public const string ConfigPropertyNotSettableId = "CONN0014";
    public const string CursorParameterMismatchId = "CONN0015";
    public const string UnsupportedCursorTypeId = "CONN0016";
    public const string DuplicateCheckId = "CONN0017";
    public const string MissingWriteMethodId = "CONN0018";
    public const string InvalidWriteSignatureId = "CONN0019";
    public const string UnimplementableSyncModeId = "CONN0020";
    public const string InvalidDestinationHookSignatureId = "CONN0021";
    public const string DuplicateDestinationMethodId = "CONN0022";
    public const string MemberNotForConnectorKindId = "CONN0023";
    public const string InvalidCommandMethodId = "CONN0026";
    public const string UnsupportedPayloadParameterId = "CONN0027";
    public const string UnsupportedCommandResultId = "CONN0028";
    public const string DuplicateCommandActionId = "CONN0029";
    public const string InvalidCommandActionId = "CONN0030";
    public const string InvalidLifecycleHookId = "CONN0031";
    public const string DuplicateLifecycleHookId = "CONN0032";
    public const string AmbiguousWholePayloadId = "CONN0046";

    public static readonly DiagnosticDescriptor NotPartial = Create(NotPartialId, Categories.Connector, DiagnosticSeverity.Error,
        "Connector class must be partial",
        "The connector class '{0}' must be declared partial (and so must every type that contains it), so the generator can add its spec, catalog and dispatch",
        "The generator adds members to the [Connector] class; C# only allows that for partial types.");

    public static readonly DiagnosticDescriptor MissingCheck = Create(MissingCheckId, Categories.Connector, DiagnosticSeverity.Warning,
        "Source has no [Check] method",
        "The source '{0}' has no [Check] method, so 'check' only validates the configuration and never tries to connect",
        "Add a method marked [Check] that returns CheckResult (or Task<CheckResult>/ValueTask<CheckResult>) and tries the credentials.");

    public static readonly DiagnosticDescriptor MissingStreams = Create(MissingStreamsId, Categories.Connector, DiagnosticSeverity.Error,
        "Source has no streams",
        "The source '{0}' has no [Stream] method, so it has nothing to read",
        "A source needs at least one method marked [Stream] that returns IAsyncEnumerable<T> or IEnumerable<T>.");

    public static readonly DiagnosticDescriptor InvalidStreamReturnType = Create(InvalidStreamReturnTypeId, Categories.Streams, DiagnosticSeverity.Error,
        "Stream method must return records",
        "The stream method '{0}' returns '{1}'; a stream must return IAsyncEnumerable<T> or IEnumerable<T> where T is a class, record or struct",
        "The runtime reads a stream by enumerating what its method returns; each item becomes one record.");

    public static readonly DiagnosticDescriptor InvalidStreamParameter = Create(InvalidStreamParameterId, Categories.Streams, DiagnosticSeverity.Error,
        "The runtime cannot supply this stream parameter",
        "The runtime cannot supply parameter '{0}' of stream method '{1}'; allowed are one cursor parameter (the type of the Cursor member), CancellationToken, ILogger and StreamContext",
        "Stream methods are called by the runtime, which can only pass the saved cursor, a cancellation token, a logger and the stream context.");

    public static readonly DiagnosticDescriptor UnknownPrimaryKeyMember = Create(UnknownPrimaryKeyMemberId, Categories.Streams, DiagnosticSeverity.Error,
        "Primary key names no member of the record",
        "PrimaryKey names '{0}', but the record type '{1}' has no public readable member of that name",
        "Each comma-separated name in PrimaryKey must be a public property of the stream's record type.");

    public static readonly DiagnosticDescriptor UnknownCursorMember = Create(UnknownCursorMemberId, Categories.Streams, DiagnosticSeverity.Error,
        "Cursor names no member of the record",
        "Cursor names '{0}', but the record type '{1}' has no public readable member of that name",
        "The Cursor must be a public property of the stream's record type.");

    public static readonly DiagnosticDescriptor DuplicateStreamName = Create(DuplicateStreamNameId, Categories.Streams, DiagnosticSeverity.Error,
        "Duplicate stream name",
        "Another stream of this connector is already named '{0}'",
        "Stream names (with their namespaces) identify streams in catalogs and states, so they must be unique within a connector.");

    public static readonly DiagnosticDescriptor UnsupportedConfigType = Create(UnsupportedConfigTypeId, Categories.Configuration, DiagnosticSeverity.Error,
        "Configuration property type cannot be represented",
        "The configuration property '{0}' has type '{1}', which the spec cannot represent; use string, bool, a number type, DateTimeOffset, DateTime, DateOnly, Uri, an enum, an array or list of those, or a class whose properties are [ConfigProperty]",
        "Every configuration property becomes a JSON Schema property in the spec and is bound from the config file without reflection.");

    public static readonly DiagnosticDescriptor InvalidCheckSignature = Create(InvalidCheckSignatureId, Categories.Connector, DiagnosticSeverity.Error,
        "Check method has a signature the runtime cannot call",
        "The check method '{0}' cannot be called by the runtime: {1}; a check returns CheckResult, Task<CheckResult> or ValueTask<CheckResult> and takes only CancellationToken and ILogger parameters",
        "The runtime calls the check method directly and reports its CheckResult.");

    public static readonly DiagnosticDescriptor UnsupportedRecordMemberType = Create(UnsupportedRecordMemberTypeId, Categories.Records, DiagnosticSeverity.Error,
        "Record member type cannot be serialized",
        "The member '{0}' of record type '{1}' has type '{2}', which the record serializer cannot write{3}",
        "Record members must map to JSON: strings, numbers, booleans, dates and times, Guid, Uri, byte[], enums, collections, string-keyed dictionaries, JsonElement, or nested classes, records and structs (not recursive).");

    public static readonly DiagnosticDescriptor InvalidConnectorClass = Create(InvalidConnectorClassId, Categories.Connector, DiagnosticSeverity.Error,
        "Connector class cannot be generic, static or abstract",
        "The connector class '{0}' cannot be {1}",
        "The runtime creates one instance of the connector class; a generic, static or abstract class (or one nested in a generic type) cannot be created.");

    public static readonly DiagnosticDescriptor MissingParameterlessConstructor = Create(MissingParameterlessConstructorId, Categories.Connector, DiagnosticSeverity.Error,
        "Connector class needs a parameterless constructor",
        "The connector class '{0}' needs a parameterless constructor; the runtime creates it, then binds its configuration properties",
        "Configuration is bound into properties after construction, so the class must be constructible without arguments.");

    public static readonly DiagnosticDescriptor ConfigPropertyNotSettable = Create(ConfigPropertyNotSettableId, Categories.Configuration, DiagnosticSeverity.Error,
        "Configuration property must have a setter",
        "The configuration property '{0}' needs a set accessor (init is not enough) that the connector class can call",
        "The generated binder assigns configuration values after the connector is created.");

    public static readonly DiagnosticDescriptor CursorParameterMismatch = Create(CursorParameterMismatchId, Categories.Streams, DiagnosticSeverity.Error,
        "Cursor parameter does not match the cursor",
        "The cursor parameter '{0}' of stream method '{1}' {2}",
        "An incremental stream receives the saved value of its Cursor member, so the parameter must have that member's type.");

    public static readonly DiagnosticDescriptor UnsupportedCursorType = Create(UnsupportedCursorTypeId, Categories.Streams, DiagnosticSeverity.Error,
        "Cursor type cannot be compared or saved",
        "The cursor member '{0}' has type '{1}'; a cursor must be string, int, long, decimal, double, DateTimeOffset, DateTime or DateOnly (not nullable)",
        "The runtime compares cursor values to checkpoint and saves them in the state.");

    public static readonly DiagnosticDescriptor DuplicateCheck = Create(DuplicateCheckId, Categories.Connector, DiagnosticSeverity.Error,
        "More than one [Check] method",
        "The connector already has the check method '{0}'; a connector has at most one",
        "The runtime calls one check method.");

    public static readonly DiagnosticDescriptor MissingWriteMethod = Create(MissingWriteMethodId, Categories.Destinations, DiagnosticSeverity.Error,
        "Destination has no [Write] method",
        "The destination '{0}' has no [Write] method, so it cannot receive records",
        "A destination needs one method marked [Write] that takes a DestinationStream and a RecordBatch; the runtime calls it with each batch of records.");

    public static readonly DiagnosticDescriptor InvalidWriteSignature = Create(InvalidWriteSignatureId, Categories.Destinations, DiagnosticSeverity.Error,
        "Write method has a signature the runtime cannot call",
        "The write method '{0}' cannot be called by the runtime: {1}; a write method returns void, Task or ValueTask and takes a DestinationStream and a RecordBatch, and optionally CancellationToken and ILogger",
        "The runtime calls the write method directly with the stream and a batch of its records.");

    public static readonly DiagnosticDescriptor UnimplementableSyncMode = Create(UnimplementableSyncModeId, Categories.Destinations, DiagnosticSeverity.Error,
        "Declared destination sync mode cannot be implemented",
        "The destination '{0}' {1}",
        "The spec advertises the sync modes a destination declares on [Write]; each must be one the class can implement. Overwrite needs a [StreamEnd] method, where the new data replaces the old once the source reported the stream complete.");

    public static readonly DiagnosticDescriptor InvalidDestinationHookSignature = Create(InvalidDestinationHookSignatureId, Categories.Destinations, DiagnosticSeverity.Error,
        "Destination hook has a signature the runtime cannot call",
        "The [{0}] method '{1}' cannot be called by the runtime: {2}; it returns void, Task or ValueTask and takes {3}",
        "The runtime calls the stream-start, stream-end, stream-incomplete and commit methods directly; it can pass only the stream (to stream hooks), why a stream did not complete (to [StreamIncomplete]), a cancellation token and a logger.");

    public static readonly DiagnosticDescriptor DuplicateDestinationMethod = Create(DuplicateDestinationMethodId, Categories.Destinations, DiagnosticSeverity.Error,
        "More than one destination method of a kind",
        "The destination already has the [{0}] method '{1}'; a destination has at most one",
        "The runtime calls one write method, one stream-start, one stream-end, one stream-incomplete and one commit method.");

    public static readonly DiagnosticDescriptor MemberNotForConnectorKind = Create(MemberNotForConnectorKindId, Categories.Connector, DiagnosticSeverity.Error,
        "Method does not belong to this kind of connector",
        "The method '{0}' is marked [{1}], which a {2} does not use; {3}",
        "Sources have [Stream] and [DiscoverStreams] methods; destinations have [Write], [StreamStart], [StreamEnd], [StreamIncomplete] and [Commit] methods. The generator ignores the others.");

    public static readonly DiagnosticDescriptor InvalidCommandMethod = Create(InvalidCommandMethodId, Categories.Commands, DiagnosticSeverity.Error,
        "Command method has a signature the runtime cannot call",
        "The command method '{0}' cannot be called by the runtime: {1}",
        "The runtime calls command methods directly and awaits them; they cannot be generic, async void or take ref, out or in parameters.");

    public static readonly DiagnosticDescriptor UnsupportedPayloadParameter = Create(UnsupportedPayloadParameterId, Categories.Commands, DiagnosticSeverity.Error,
        "Command parameter cannot be bound from the payload",
        "The parameter '{0}' of command method '{1}' has type '{2}', which cannot be bound from a JSON payload{3}",
        "Command parameters are bound from the payload by name: strings, booleans, numbers, enums, dates, Uri, JsonElement, arrays and lists of those, or classes, structs and records built from them. CancellationToken, ILogger, OperatingStatus and ConnectorContext are supplied by the runtime.");

    public static readonly DiagnosticDescriptor AmbiguousWholePayload = Create(AmbiguousWholePayloadId, Categories.Commands, DiagnosticSeverity.Error,
        "Whole-payload parameter is ambiguous or cannot hold the payload",
        "The [Payload] parameter '{0}' of command method '{1}' {2}",
        "A [Payload] parameter takes the whole payload object, so it must be the method's only payload parameter (the others may only be CancellationToken, ILogger, OperatingStatus or ConnectorContext), and its type must be a class, struct or record whose members are the payload's fields, or JsonElement.");

    public static readonly DiagnosticDescriptor UnsupportedCommandResult = Create(UnsupportedCommandResultId, Categories.Commands, DiagnosticSeverity.Error,
        "Command result cannot be serialized",
        "The command method '{0}' returns '{1}', which cannot be written as a JSON response body{2}",
        "A command returns nothing (void, Task, ValueTask) or a value (T, Task<T>, ValueTask<T>) that maps to JSON as record members do, or a string holding JSON.");

    public static readonly DiagnosticDescriptor DuplicateCommandAction = Create(DuplicateCommandActionId, Categories.Commands, DiagnosticSeverity.Error,
        "Duplicate command action",
        "The command method '{0}' already handles the action '{1}'",
        "Each command action is dispatched to exactly one method.");

    public static readonly DiagnosticDescriptor InvalidCommandAction = Create(InvalidCommandActionId, Categories.Commands, DiagnosticSeverity.Error,
        "Invalid command action",
        "The command action '{0}' {1}",
        "An action is a non-empty name without whitespace, by convention Vendor.Connector.Action, and must not be one of the built-in lifecycle actions (TetraScience.Connector.Start, .Stop, .Shutdown, .UpdateConfig, .ValidateConfig, .ListCustomCommands, .SetLogLevel).");

    public static readonly DiagnosticDescriptor InvalidLifecycleHook = Create(InvalidLifecycleHookId, Categories.Commands, DiagnosticSeverity.Error,
        "Lifecycle hook has a signature the runtime cannot call",
        "The {0} hook '{1}' cannot be called by the runtime: {2}",
        "Lifecycle hooks return void, Task or ValueTask ([ValidateConfig]: CheckResult, Task<CheckResult> or ValueTask<CheckResult>) and take only CancellationToken, ILogger, OperatingStatus and ConnectorContext parameters.");

    public static readonly DiagnosticDescriptor DuplicateLifecycleHook = Create(DuplicateLifecycleHookId, Categories.Commands, DiagnosticSeverity.Error,
        "More than one method for a lifecycle hook",
        "The connector already has the {0} hook '{1}'; a connector has at most one method per hook",
        "The runtime calls one method per lifecycle hook.");

    private static DiagnosticDescriptor Create(string id, string category, DiagnosticSeverity severity, string title, string message, string description) =>
        new(id, title, message, category, severity, isEnabledByDefault: true, description: description, helpLinkUri: HelpRoot + id + ".md");
}
