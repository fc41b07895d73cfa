using System;

namespace Connectors;

/// <summary>
/// Marks a <c>partial</c> class as a connector. The Connectors source generator reads the class and its
/// <see cref="ConfigPropertyAttribute"/>, <see cref="CheckAttribute"/> and <see cref="StreamAttribute"/> members and emits
/// the connector's spec, catalog, config binder, record serializers, dispatch and (for executables) <c>Main</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class ConnectorAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="name">The connector's name, for example <c>source-faker</c>.</param>
    public ConnectorAttribute(string name) => Name = name;

    /// <summary>The connector's name, for example <c>source-faker</c>.</summary>
    public string Name { get; }

    /// <summary>The connector's version (SemVer). Defaults to <c>0.1.0</c>.</summary>
    public string? Version { get; set; }

    /// <summary>A human-readable title for the configuration form. Defaults to the name.</summary>
    public string? Title { get; set; }

    /// <summary>Where users find the connector's documentation (an absolute URI).</summary>
    public string? DocumentationUrl { get; set; }

    /// <summary>Whether the class is a source (reads data) or a destination (writes data).</summary>
    public ConnectorKind Kind { get; set; } = ConnectorKind.Source;

    /// <summary>How C# member names become JSON names in the spec and in record schemas.</summary>
    public FieldNaming Naming { get; set; } = FieldNaming.SnakeCase;

    /// <summary>
    /// In an executable that declares several <c>[Connector]</c> classes: this is the one the generated <c>Main</c> runs.
    /// Not needed when the executable has only one connector (analyzer CONN0045 asks for it when it is missing).
    /// </summary>
    public bool EntryPoint { get; set; }

    /// <summary>
    /// True to reject a config key that names no <see cref="ConfigPropertyAttribute"/> property (at any level) as a config
    /// error. By default such a key is ignored and logged as a warning naming its JSON path and the closest property. The
    /// environment variable <c>CONNECTORS_STRICT_CONFIG</c> (<c>true</c> or <c>false</c>) overrides this at run time.
    /// </summary>
    public bool StrictConfig { get; set; }
}
