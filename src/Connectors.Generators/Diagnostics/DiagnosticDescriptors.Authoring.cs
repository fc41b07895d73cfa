using Microsoft.CodeAnalysis;

namespace Connectors.Generators.Diagnostics;

// The authoring rules (CONN0036…): signatures, names, secrets, defaults, records and the entry point. A file of their own
// so the catalogue grows without merge conflicts; ids CONN0018–CONN0035 belong to the destination and command rules.
internal static partial class DiagnosticDescriptors
{
    public const string AsyncVoidMethodId = "CONN0036";
    public const string NullablePrimaryKeyId = "CONN0037";
    public const string InvalidStreamNameId = "CONN0038";
    public const string SecretNotMarkedId = "CONN0039";
    public const string SecretOnNonStringId = "CONN0040";
    public const string DefaultViolatesConstraintsId = "CONN0041";
    public const string ConfigValueTypeMismatchId = "CONN0042";
    public const string RecordWithoutMembersId = "CONN0043";
    public const string InaccessibleEntryPointConnectorId = "CONN0044";
    public const string AmbiguousEntryPointId = "CONN0045";

    /// <summary>Diagnostic property of CONN0006/CONN0007: the key as written.</summary>
    public const string KeyProperty = "Key";

    /// <summary>Diagnostic property of CONN0006/CONN0007: the key with its unknown member replaced by the closest one.</summary>
    public const string SuggestionProperty = "Suggestion";

    /// <summary>Diagnostic property of CONN0006/CONN0007: as <see cref="SuggestionProperty"/>, with C# member names only (for <c>nameof</c>).</summary>
    public const string MemberSuggestionProperty = "MemberSuggestion";

    public static readonly DiagnosticDescriptor AsyncVoidMethod = Create(AsyncVoidMethodId, Categories.Connector, DiagnosticSeverity.Error,
        "Connector method is async void",
        "The [{0}] method '{1}' is async void, so the runtime cannot await it or see its exceptions; {2}",
        "The runtime awaits connector methods and reports their failures; an async void method runs unobserved and its exceptions crash the process.");

    public static readonly DiagnosticDescriptor NullablePrimaryKey = Create(NullablePrimaryKeyId, Categories.Streams, DiagnosticSeverity.Warning,
        "Primary key member is nullable",
        "The primary key '{0}' of stream '{1}' can be null: its member '{2}' is nullable; a record without a key value cannot be deduplicated",
        "Destinations deduplicate on the primary key; a record whose key is null cannot be matched with the row it updates.");

    public static readonly DiagnosticDescriptor InvalidStreamName = Create(InvalidStreamNameId, Categories.Streams, DiagnosticSeverity.Error,
        "Stream name is not a valid protocol identifier",
        "The stream name '{0}' {1}; use letters, digits, '_' and '-', starting with a letter or '_'",
        "Stream names identify streams in catalogs and states and become table, file and topic names in destinations, so they must be non-empty portable identifiers. An empty name leaves the stream out.");

    public static readonly DiagnosticDescriptor SecretNotMarked = Create(SecretNotMarkedId, Categories.Configuration, DiagnosticSeverity.Warning,
        "Configuration property looks like a secret",
        "The configuration property '{0}' looks like a secret; add Secret = true so forms hide it and the runtime masks its value in every output (or write Secret = false if it is not one)",
        "Credentials (passwords, tokens, API keys, client secrets, private keys) must be marked Secret = true: the spec then marks them secret (airbyte_secret under Airbyte) and the runtime replaces their values with **** in logs, traces and errors.");

    public static readonly DiagnosticDescriptor SecretOnNonString = Create(SecretOnNonStringId, Categories.Configuration, DiagnosticSeverity.Warning,
        "Secret on a configuration property that is not text",
        "The configuration property '{0}' has type '{1}'; only text can be a secret: forms hide only string fields, and masking a number or flag replaces every occurrence of that value in the output",
        "Secret = true belongs on string properties (passwords, tokens, keys).");

    public static readonly DiagnosticDescriptor DefaultViolatesConstraints = Create(DefaultViolatesConstraintsId, Categories.Configuration, DiagnosticSeverity.Warning,
        "Default value breaks its own constraints",
        "The default {0} of configuration property '{1}' {2}",
        "A default must satisfy the property's Minimum, Maximum and Pattern, or the spec contradicts itself: forms and platforms that fill in defaults produce a config that fails the property's own validation.");

    public static readonly DiagnosticDescriptor ConfigValueTypeMismatch = Create(ConfigValueTypeMismatchId, Categories.Configuration, DiagnosticSeverity.Error,
        "Default or example does not fit the property type",
        "The {0} {1} of configuration property '{2}' does not fit its type '{3}', so it is left out of the spec",
        "Default and Examples are written to the spec as values of the property's JSON type; a value of another type (a string for an int, a number for a bool) would make the spec invalid, so the generator drops it.");

    public static readonly DiagnosticDescriptor RecordWithoutMembers = Create(RecordWithoutMembersId, Categories.Records, DiagnosticSeverity.Error,
        "Record type has no public readable members",
        "The record type '{0}' of stream method '{1}' has no public readable properties, so its records would be empty",
        "Each public instance property with a public getter becomes a field of the stream's records.");

    public static readonly DiagnosticDescriptor InaccessibleEntryPointConnector = CreateCompilationEnd(InaccessibleEntryPointConnectorId, Categories.Connector, DiagnosticSeverity.Error,
        "Entry-point connector class is not accessible",
        "The connector class '{0}' is {1}, so the generated Main cannot run it; make it (and every type that contains it) internal or public",
        "In an executable the generator writes a Main beside the connector class that calls the runtime's host with it; a private or protected nested class is out of its reach.");

    public static readonly DiagnosticDescriptor AmbiguousEntryPoint = CreateCompilationEnd(AmbiguousEntryPointId, Categories.Connector, DiagnosticSeverity.Error,
        "Executable with several connectors does not say which one to run",
        "This executable declares {0} [Connector] classes ({1}) and {2}; mark the one Main should run with [Connector(..., EntryPoint = true)], or set ConnectorsGenerateEntryPoint=false and write Main",
        "The generated Main runs one connector. With several [Connector] classes in an executable, exactly one of them must say EntryPoint = true.");

    // Reported when the whole compilation has been seen (the IDE runs such rules in full-solution analysis and builds).
    private static DiagnosticDescriptor CreateCompilationEnd(string id, string category, DiagnosticSeverity severity, string title, string message,
        string description) =>
        new(id, title, message, category, severity, isEnabledByDefault: true, description: description, helpLinkUri: HelpRoot + id + ".md",
            customTags: WellKnownDiagnosticTags.CompilationEnd);
}
