using System;

namespace Connectors;

/// <summary>
/// Marks a property as part of the connector's configuration. The generator adds it to the spec's JSON Schema and
/// binds it from the user's config file before any connector method runs. A property of a class type whose own
/// members carry this attribute becomes a nested object.
/// </summary>
/// <remarks>
/// Unset numeric options are left out of the schema: the generator reads only the named arguments you write.
/// </remarks>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
public sealed class ConfigPropertyAttribute : Attribute
{
    /// <summary>The JSON name. Defaults to the member name under the connector's <see cref="FieldNaming"/>.</summary>
    public string? Name { get; set; }

    /// <summary>The title shown in configuration forms.</summary>
    public string? Title { get; set; }

    /// <summary>The description. Defaults to the property's XML doc <c>&lt;summary&gt;</c>.</summary>
    public string? Description { get; set; }

    /// <summary>
    /// The value is a secret: the spec marks it <c>x-secret</c> (which Airbyte's spec shows as <c>airbyte_secret</c>), and
    /// the runtime masks its value as <c>****</c> in every log, trace and error message.
    /// </summary>
    public bool Secret { get; set; }

    /// <summary>Hides the property from configuration forms (<c>x-hidden</c>; Airbyte's spec: <c>airbyte_hidden</c>).</summary>
    public bool Hidden { get; set; }

    /// <summary>The default value, when the property has no constant initializer.</summary>
    public object? Default { get; set; }

    /// <summary>Example values shown in configuration forms.</summary>
    public object[]? Examples { get; set; }

    /// <summary>The inclusive minimum of a numeric property.</summary>
    public double Minimum { get; set; }

    /// <summary>The inclusive maximum of a numeric property.</summary>
    public double Maximum { get; set; }

    /// <summary>A regular expression a string value must match (ECMA-262 syntax, as JSON Schema uses).</summary>
    public string? Pattern { get; set; }

    /// <summary>The position of the property in configuration forms.</summary>
    public int Order { get; set; }

    /// <summary>The form group (card) of a top-level property.</summary>
    public string? Group { get; set; }
}
