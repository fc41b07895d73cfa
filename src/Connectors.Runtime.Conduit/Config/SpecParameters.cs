using System.Collections.Generic;
using System.Globalization;
using Google.Protobuf.Collections;
using Parameter = ConduitWire.Config.V1.Parameter;
using Validation = ConduitWire.Config.V1.Validation;

namespace Connectors.Runtime.Conduit.Config;

/// <summary>
/// The parameters Specify lists: every config property (from the same schema the binder checks) with its type, default,
/// description and validations (required, bounds, enum as inclusion, pattern as regex), then the SDK's own.
/// </summary>
internal static class SpecParameters
{
    public static void Fill(MapField<string, Parameter> target, string configSchema, ConnectorKind kind)
    {
        foreach (var property in ConfigParameter.FromSchema(configSchema))
        {
            target[property.Key] = Of(property);
        }
        foreach (var (key, type, value, description, inclusion) in HostSettings.For(kind))
        {
            var parameter = new Parameter { Type = type, Default = value, Description = description };
            if (inclusion is not null)
            {
                parameter.Validations.Add(new Validation { Type = Validation.Types.Type.Inclusion, Value = inclusion });
            }
            target[key] = parameter;
        }
    }

    public static Parameter Of(ConfigParameter property)
    {
        var description = property.Description ?? "";
        var parameter = new Parameter
        {
            Type = TypeOf(property),
            Default = property.Default ?? "",
        };
        if (property.Required)
        {
            parameter.Validations.Add(new Validation { Type = Validation.Types.Type.Required });
        }
        var integer = property.Type == "integer";
        // Conduit's bounds are strict: an integer's inclusive bound moves by one; a number's is said in the description.
        if (property.ExclusiveMinimum is { } above)
        {
            parameter.Validations.Add(Bound(Validation.Types.Type.GreaterThan, above));
        }
        else if (property.Minimum is { } minimum)
        {
            if (integer)
            {
                parameter.Validations.Add(Bound(Validation.Types.Type.GreaterThan, minimum - 1));
            }
            else
            {
                description = Append(description, "At least " + ConfigParameter.FormatNumber(minimum) + ".");
            }
        }
        if (property.ExclusiveMaximum is { } below)
        {
            parameter.Validations.Add(Bound(Validation.Types.Type.LessThan, below));
        }
        else if (property.Maximum is { } maximum)
        {
            if (integer)
            {
                parameter.Validations.Add(Bound(Validation.Types.Type.LessThan, maximum + 1));
            }
            else
            {
                description = Append(description, "At most " + ConfigParameter.FormatNumber(maximum) + ".");
            }
        }
        if (property.Enum is { Count: > 0 } values)
        {
            parameter.Validations.Add(new Validation { Type = Validation.Types.Type.Inclusion, Value = string.Join(",", values) });
        }
        if (property.Pattern is { } pattern)
        {
            parameter.Validations.Add(new Validation { Type = Validation.Types.Type.Regex, Value = pattern });
        }
        if (property.Type == "array")
        {
            description = Append(description, "A comma-separated list.");
        }
        if (property.Secret)
        {
            description = Append(description, "A secret: masked in every log and error.");
        }
        parameter.Description = description;
        return parameter;
    }

    private static Parameter.Types.Type TypeOf(ConfigParameter property) => property.Type switch
    {
        "integer" => Parameter.Types.Type.Int,
        "number" => Parameter.Types.Type.Float,
        "boolean" => Parameter.Types.Type.Bool,
        "string" when property.Format == "duration" => Parameter.Types.Type.Duration,
        _ => Parameter.Types.Type.String,
    };

    private static Validation Bound(Validation.Types.Type type, double value) => new()
    {
        Type = type,
        Value = value % 1 == 0 && System.Math.Abs(value) < 1e17
            ? ((long)value).ToString(CultureInfo.InvariantCulture)
            : ConfigParameter.FormatNumber(value),
    };

    private static string Append(string description, string sentence) => description.Length == 0 ? sentence : description + " " + sentence;
}
