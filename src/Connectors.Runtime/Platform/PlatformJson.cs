using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Connectors.Runtime.Platform;

/// <summary>Source-generated JSON for the platform services (no reflection).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class PlatformJson : JsonSerializerContext;
