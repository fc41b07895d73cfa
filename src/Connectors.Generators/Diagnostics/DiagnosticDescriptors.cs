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

    private static DiagnosticDescriptor Create(string id, string category, DiagnosticSeverity severity, string title, string message, string description) =>
        new(id, title, message, category, severity, isEnabledByDefault: true, description: description, helpLinkUri: HelpRoot + id + ".md");
}
