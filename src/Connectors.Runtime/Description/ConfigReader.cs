using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Connectors.Runtime;

/// <summary>
/// Reads a configuration document for generated binders: typed reads that accept exactly what the generated JSON
/// Schema accepts, every problem collected with its JSON path (never just the first), keys that name no property
/// collected (or, strictly, reported), and the values of secret properties collected for masking. No reflection.
/// </summary>
public sealed class ConfigReader
{
    private readonly List<string> _errors = new();
    private readonly List<string> _secrets = new();
    private readonly List<UnknownProperty> _unknown = new();

    /// <summary>Creates a reader over a parsed configuration document.</summary>
    public ConfigReader(JsonElement root) => Root = root;

    /// <summary>The document's root value.</summary>
    public JsonElement Root { get; }

    /// <summary>Every problem found, each as <c>$.path: problem</c>.</summary>
    public IReadOnlyList<string> Errors => _errors;

    /// <summary>The values of secret properties, whether or not they were valid.</summary>
    public IReadOnlyList<string> Secrets => _secrets;

    /// <summary>True to report a key that names no property as a problem instead of collecting it in <see cref="UnknownProperties"/>.</summary>
    public bool RejectUnknownProperties { get; init; }

    /// <summary>The keys that name no property of their object, in document order (empty when they are rejected).</summary>
    public IReadOnlyList<UnknownProperty> UnknownProperties => _unknown;

    /// <summary>
    /// Notes each key of the object <paramref name="json"/> (at <paramref name="path"/>) that is not one of
    /// <paramref name="known"/>, the JSON names of its properties, with the closest of them as a suggestion.
    /// </summary>
    public void CheckProperties(JsonElement json, string path, string[] known)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            return;
        }
        foreach (var property in json.EnumerateObject())
        {
            // Ordinal, as the binder's lookups are: "Count" is not "count".
            if (Array.IndexOf(known, property.Name) >= 0)
            {
                continue;
            }
            var unknown = new UnknownProperty(Child(path, property.Name), property.Name, ClosestName.Find(property.Name, known));
            if (RejectUnknownProperties)
            {
                Error(unknown.Path, unknown.Problem);
            }
            else
            {
                _unknown.Add(unknown);
            }
        }
    }

    /// <summary>The JSON path of a property of an object at <paramref name="parent"/>.</summary>
    public static string Child(string parent, string name) =>
        IsPlainName(name) ? parent + "." + name : parent + "['" + name.Replace("'", "\\'") + "']";

    /// <summary>The JSON path of an item of an array at <paramref name="parent"/>.</summary>
    public static string Item(string parent, int index) =>
        parent + "[" + index.ToString(CultureInfo.InvariantCulture) + "]";

    /// <summary>Records a problem.</summary>
    public void Error(string path, string problem) => _errors.Add(path + ": " + problem);

    /// <summary>Records that a required property is missing.</summary>
    public void Required(string path) => Error(path, "required");

    /// <summary>True when the value is JSON null.</summary>
    public static bool IsNull(JsonElement value) => value.ValueKind == JsonValueKind.Null;

    /// <summary>Checks that a value is an object.</summary>
    public bool ExpectObject(JsonElement value, string path, bool secret = false) =>
        Expect(value, JsonValueKind.Object, "an object", path, secret);

    /// <summary>Checks that a value is an array.</summary>
    public bool ExpectArray(JsonElement value, string path, bool secret = false) =>
        Expect(value, JsonValueKind.Array, "an array", path, secret);

    /// <summary>Reads a string.</summary>
    public bool ReadString(JsonElement value, string path, bool secret, out string result)
    {
        Remember(value, secret);
        result = "";
        if (!Expect(value, JsonValueKind.String, "a string", path, secret))
        {
            return false;
        }
        result = value.GetString()!;
        return true;
    }

    /// <summary>Reads a boolean (JSON <c>true</c> or <c>false</c>).</summary>
    public bool ReadBoolean(JsonElement value, string path, bool secret, out bool result)
    {
        Remember(value, secret);
        result = value.ValueKind == JsonValueKind.True;
        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return true;
        }
        Mismatch(value, "a boolean", path, secret);
        return false;
    }

    /// <summary>Reads a 32-bit integer (a JSON number with no fractional part, within range).</summary>
    public bool ReadInt32(JsonElement value, string path, bool secret, out int result)
    {
        var ok = ReadInteger(value, path, secret, int.MinValue, int.MaxValue, "32-bit", out var wide);
        result = ok ? (int)wide : 0;
        return ok;
    }

    /// <summary>Reads a 64-bit integer.</summary>
    public bool ReadInt64(JsonElement value, string path, bool secret, out long result) =>
        ReadInteger(value, path, secret, long.MinValue, long.MaxValue, "64-bit", out result);

    /// <summary>Reads a 16-bit integer.</summary>
    public bool ReadInt16(JsonElement value, string path, bool secret, out short result)
    {
        var ok = ReadInteger(value, path, secret, short.MinValue, short.MaxValue, "16-bit", out var wide);
        result = ok ? (short)wide : (short)0;
        return ok;
    }

    /// <summary>Reads an unsigned 8-bit integer.</summary>
    public bool ReadByte(JsonElement value, string path, bool secret, out byte result)
    {
        var ok = ReadInteger(value, path, secret, byte.MinValue, byte.MaxValue, "8-bit unsigned", out var wide);
        result = ok ? (byte)wide : (byte)0;
        return ok;
    }

    /// <summary>Reads a signed 8-bit integer.</summary>
    public bool ReadSByte(JsonElement value, string path, bool secret, out sbyte result)
    {
        var ok = ReadInteger(value, path, secret, sbyte.MinValue, sbyte.MaxValue, "8-bit", out var wide);
        result = ok ? (sbyte)wide : (sbyte)0;
        return ok;
    }

    /// <summary>Reads an unsigned 16-bit integer.</summary>
    public bool ReadUInt16(JsonElement value, string path, bool secret, out ushort result)
    {
        var ok = ReadInteger(value, path, secret, ushort.MinValue, ushort.MaxValue, "16-bit unsigned", out var wide);
        result = ok ? (ushort)wide : (ushort)0;
        return ok;
    }

    /// <summary>Reads an unsigned 32-bit integer.</summary>
    public bool ReadUInt32(JsonElement value, string path, bool secret, out uint result)
    {
        var ok = ReadInteger(value, path, secret, uint.MinValue, uint.MaxValue, "32-bit unsigned", out var wide);
        result = ok ? (uint)wide : 0;
        return ok;
    }

    /// <summary>Reads an unsigned 64-bit integer.</summary>
    public bool ReadUInt64(JsonElement value, string path, bool secret, out ulong result)
    {
        result = 0;
        if (!ReadIntegral(value, path, secret, out var number))
        {
            return false;
        }
        if (number < 0 || number > ulong.MaxValue)
        {
            OutOfRange(value, "64-bit unsigned", path, secret);
            return false;
        }
        result = (ulong)number;
        return true;
    }

    /// <summary>Reads a double-precision number.</summary>
    public bool ReadDouble(JsonElement value, string path, bool secret, out double result)
    {
        Remember(value, secret);
        result = 0;
        if (!Expect(value, JsonValueKind.Number, "a number", path, secret))
        {
            return false;
        }
        result = value.GetDouble();
        if (double.IsInfinity(result))
        {
            result = 0;
            OutOfRange(value, "double-precision", path, secret);
            return false;
        }
        return true;
    }

    /// <summary>Reads a single-precision number.</summary>
    public bool ReadSingle(JsonElement value, string path, bool secret, out float result)
    {
        result = 0;
        if (!ReadDouble(value, path, secret, out var wide))
        {
            return false;
        }
        if (Math.Abs(wide) > float.MaxValue)
        {
            OutOfRange(value, "single-precision", path, secret);
            return false;
        }
        result = (float)wide;
        return true;
    }

    /// <summary>Reads a decimal number.</summary>
    public bool ReadDecimal(JsonElement value, string path, bool secret, out decimal result)
    {
        Remember(value, secret);
        result = 0;
        if (!Expect(value, JsonValueKind.Number, "a number", path, secret))
        {
            return false;
        }
        if (!value.TryGetDecimal(out result))
        {
            OutOfRange(value, "decimal", path, secret);
            return false;
        }
        return true;
    }

    /// <summary>Reads an RFC 3339 date-time string.</summary>
    public bool ReadDateTimeOffset(JsonElement value, string path, bool secret, out DateTimeOffset result)
    {
        result = default;
        if (!ReadString(value, path, secret, out var text))
        {
            return false;
        }
        // ISO 8601 only (what format date-time means); a value without an offset is taken as UTC.
        if (value.TryGetDateTimeOffset(out _)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out result))
        {
            return true;
        }
        Mismatch(value, "an ISO 8601 date-time string", path, secret);
        return false;
    }

    /// <summary>Reads a date-time string.</summary>
    public bool ReadDateTime(JsonElement value, string path, bool secret, out DateTime result)
    {
        result = default;
        if (!ReadString(value, path, secret, out var text))
        {
            return false;
        }
        if (value.TryGetDateTime(out _)
            && DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out result))
        {
            return true;
        }
        Mismatch(value, "an ISO 8601 date-time string", path, secret);
        return false;
    }

    /// <summary>Reads a <c>yyyy-MM-dd</c> date string.</summary>
    public bool ReadDateOnly(JsonElement value, string path, bool secret, out DateOnly result)
    {
        result = default;
        if (!ReadString(value, path, secret, out var text))
        {
            return false;
        }
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out result))
        {
            return true;
        }
        Mismatch(value, "a yyyy-MM-dd date string", path, secret);
        return false;
    }

    /// <summary>Reads an absolute URI string.</summary>
    public bool ReadUri(JsonElement value, string path, bool secret, out Uri result)
    {
        result = null!;
        if (!ReadString(value, path, secret, out var text))
        {
            return false;
        }
        // On Unix "/path" parses as an implicit file URI; JSON Schema's "uri" needs a scheme.
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && !(uri.IsFile && !text.StartsWith("file:", StringComparison.OrdinalIgnoreCase)))
        {
            result = uri;
            return true;
        }
        Mismatch(value, "an absolute URI", path, secret);
        return false;
    }

    /// <summary>Reports a string that is not one of an enum's values.</summary>
    public void NotOneOf(JsonElement value, string path, bool secret, params string[] allowed)
    {
        var choices = string.Join(", ", Array.ConvertAll(allowed, a => "\"" + a + "\""));
        Mismatch(value, "one of " + choices, path, secret);
    }

    /// <summary>Checks an inclusive minimum.</summary>
    public bool CheckMinimum(double value, double minimum, string path, bool secret = false)
    {
        if (value >= minimum)
        {
            return true;
        }
        Error(path, "must be at least " + Format(minimum) + (secret ? "" : ", got " + Format(value)));
        return false;
    }

    /// <summary>Checks an inclusive maximum.</summary>
    public bool CheckMaximum(double value, double maximum, string path, bool secret = false)
    {
        if (value <= maximum)
        {
            return true;
        }
        Error(path, "must be at most " + Format(maximum) + (secret ? "" : ", got " + Format(value)));
        return false;
    }

    /// <summary>Checks a <c>pattern</c> (an unanchored search, as JSON Schema defines it).</summary>
    public bool CheckPattern(string value, Regex pattern, string path, bool secret = false)
    {
        if (pattern.IsMatch(value))
        {
            return true;
        }
        Error(path, (secret ? "the value" : Quote(value)) + " does not match the pattern " + pattern);
        return false;
    }

    private bool ReadInteger(JsonElement value, string path, bool secret, long min, long max, string width, out long result)
    {
        result = 0;
        if (!ReadIntegral(value, path, secret, out var number))
        {
            return false;
        }
        if (number < min || number > max)
        {
            OutOfRange(value, width, path, secret);
            return false;
        }
        result = (long)number;
        return true;
    }

    // JSON Schema's "integer" is any number with a zero fractional part, so 5.0 is an integer too.
    private bool ReadIntegral(JsonElement value, string path, bool secret, out decimal result)
    {
        Remember(value, secret);
        result = 0;
        if (value.ValueKind == JsonValueKind.Number)
        {
            if (value.TryGetInt64(out var whole))
            {
                result = whole;
                return true;
            }
            if (value.TryGetDecimal(out result) && decimal.Truncate(result) == result)
            {
                return true;
            }
            if (value.TryGetDouble(out var wide) && Math.Floor(wide) == wide && !double.IsInfinity(wide))
            {
                result = wide >= 0 ? decimal.MaxValue : decimal.MinValue;
                return true;
            }
        }
        Mismatch(value, "an integer", path, secret);
        return false;
    }

    private bool Expect(JsonElement value, JsonValueKind kind, string expected, string path, bool secret)
    {
        if (value.ValueKind == kind)
        {
            return true;
        }
        Mismatch(value, expected, path, secret);
        return false;
    }

    private void Mismatch(JsonElement value, string expected, string path, bool secret) =>
        Error(path, "expected " + expected + ", got " + Describe(value, secret));

    private void OutOfRange(JsonElement value, string width, string path, bool secret) =>
        Error(path, (secret ? "the value" : Describe(value, false)) + " is out of range for a " + width + " number");

    private void Remember(JsonElement value, bool secret)
    {
        if (!secret)
        {
            return;
        }
        var text = value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText();
        if (!string.IsNullOrEmpty(text) && value.ValueKind is not (JsonValueKind.Null or JsonValueKind.True or JsonValueKind.False))
        {
            _secrets.Add(text!);
        }
    }

    /// <summary>Describes a JSON value for an error message; a secret's value is never shown.</summary>
    private static string Describe(JsonElement value, bool secret) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.Null => "null",
        JsonValueKind.True or JsonValueKind.False => secret ? "a boolean" : value.GetRawText(),
        JsonValueKind.Number => secret ? "a number" : Truncate(value.GetRawText()),
        JsonValueKind.String => secret ? "a string" : Quote(value.GetString()!),
        _ => "nothing",
    };

    /// <summary>A string for a message: JSON-quoted, cut to 60 characters.</summary>
    internal static string Quote(string text) => JsonSerializerString(Truncate(text));

    private static string JsonSerializerString(string text)
    {
        var encoded = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping.Encode(text);
        return "\"" + encoded + "\"";
    }

    private static string Truncate(string text) => text.Length <= 60 ? text : text.Substring(0, 57) + "...";

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static bool IsPlainName(string name)
    {
        if (name.Length == 0)
        {
            return false;
        }
        foreach (var c in name)
        {
            if (!(char.IsLetterOrDigit(c) || c == '_' || c == '-'))
            {
                return false;
            }
        }
        return true;
    }
}
