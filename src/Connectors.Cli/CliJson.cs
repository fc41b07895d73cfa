using System.Text.Json;
using System.Text.Json.Serialization;

namespace Connectors.Cli;

[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class CliJson : JsonSerializerContext
{
    public static CliJson Indented => Default;
}
