using System.Collections.Generic;
using System.Text.Json;

namespace Connectors.Runtime.Json;

/// <summary>Structural reads of protocol input files (catalog, state) that fail with the file and JSON path.</summary>
internal readonly struct InputReader
{
    private readonly string _file;
    private readonly string _role;

    public InputReader(string file, string role)
    {
        _file = file;
        _role = role;
    }

    public InputException Problem(string jsonPath, string problem) => JsonInput.Problem(_file, _role, jsonPath, problem);

    public void Object(JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw Problem(path, "expected an object, got " + Kind(value));
        }
    }

    public JsonElement RequiredObject(JsonElement parent, string name, string parentPath)
    {
        var value = Required(parent, name, parentPath);
        Object(value, ConfigReader.Child(parentPath, name));
        return value;
    }

    public JsonElement RequiredArray(JsonElement parent, string name, string parentPath)
    {
        var value = Required(parent, name, parentPath);
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw Problem(ConfigReader.Child(parentPath, name), "expected an array, got " + Kind(value));
        }
        return value;
    }

    public string RequiredString(JsonElement parent, string name, string parentPath) =>
        OptionalString(parent, name, parentPath) ?? throw Problem(ConfigReader.Child(parentPath, name), "required");

    public string? OptionalString(JsonElement parent, string name, string parentPath)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            throw Problem(ConfigReader.Child(parentPath, name), "expected a string, got " + Kind(value));
        }
        return value.GetString();
    }

    public long? OptionalInt64(JsonElement parent, string name, string parentPath)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var number))
        {
            throw Problem(ConfigReader.Child(parentPath, name), "expected an integer, got " + Kind(value));
        }
        return number;
    }

    public IReadOnlyList<string>? OptionalStringArray(JsonElement parent, string name, string parentPath)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        var path = ConfigReader.Child(parentPath, name);
        return StringArray(value, path);
    }

    public IReadOnlyList<IReadOnlyList<string>>? OptionalPaths(JsonElement parent, string name, string parentPath)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        var path = ConfigReader.Child(parentPath, name);
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw Problem(path, "expected an array of field paths, got " + Kind(value));
        }
        var paths = new List<IReadOnlyList<string>>();
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            paths.Add(StringArray(item, ConfigReader.Item(path, index++)));
        }
        return paths;
    }

    public static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    private JsonElement Required(JsonElement parent, string name, string parentPath)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            throw Problem(ConfigReader.Child(parentPath, name), "required");
        }
        return value;
    }

    private IReadOnlyList<string> StringArray(JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw Problem(path, "expected an array of strings, got " + Kind(value));
        }
        var items = new List<string>();
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                throw Problem(ConfigReader.Item(path, index), "expected a string, got " + Kind(item));
            }
            items.Add(item.GetString()!);
            index++;
        }
        return items;
    }
}
