using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;

namespace Connectors.Runtime;

/// <summary>The outcome of binding a configuration document into a new connector instance (<see cref="ConnectorConfig"/>).</summary>
/// <typeparam name="TConnector">The author's connector class.</typeparam>
public sealed class ConfigBindingResult<TConnector> where TConnector : class
{
    internal ConfigBindingResult(TConnector? connector, IReadOnlyList<ConfigProblem> problems, IReadOnlyList<string> secrets,
        IReadOnlyList<UnknownProperty> unknownProperties, IReadOnlyList<string>? addedSecrets = null)
    {
        AddedSecrets = addedSecrets ?? [];
        Connector = connector;
        Problems = problems;
        Secrets = secrets;
        UnknownProperties = unknownProperties;
    }

    /// <summary>The configured connector; null when the document has problems.</summary>
    public TConnector? Connector { get; }

    /// <summary>True when the document bound without a problem.</summary>
    [MemberNotNullWhen(true, nameof(Connector))]
    public bool Succeeded => Connector is not null;

    /// <summary>Every problem, in document order as the binder met them, each with its JSON path.</summary>
    public IReadOnlyList<ConfigProblem> Problems { get; }

    /// <summary>The values of secret properties the binder read (valid or not): mask them in anything the host writes.</summary>
    public IReadOnlyList<string> Secrets { get; }

    /// <summary>The secrets the masker given to the binder did not know before (each one once, to warn about once).</summary>
    public IReadOnlyList<string> AddedSecrets { get; }

    /// <summary>Keys that name no property, with the closest property name, when they were not rejected: warn about them.</summary>
    public IReadOnlyList<UnknownProperty> UnknownProperties { get; }
}
