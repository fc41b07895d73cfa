using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace Connectors.Runtime.Platform;

/// <summary>
/// One value of a connector's data. A <see cref="Secure"/> value is stored encrypted, masked in every output of the
/// process once saved or read, and never shown by <see cref="ToString"/>.
/// </summary>
/// <param name="Key">Its key.</param>
/// <param name="Value">Any JSON value.</param>
/// <param name="Secure">True to keep it secret.</param>
public sealed record ConnectorValue(string Key, JsonElement Value, bool Secure = false)
{
    /// <summary>A string value.</summary>
    public static ConnectorValue Of(string key, string value, bool secure = false) =>
        new(key, JsonSerializer.SerializeToElement(value, PlatformJson.Default.String), secure);

    /// <summary>The value as a string, when it is one; else its JSON text.</summary>
    public string Text => Value.ValueKind == JsonValueKind.String ? Value.GetString()! : Value.GetRawText();

    /// <summary>The key, and the value unless it is secure.</summary>
    public override string ToString() => $"ConnectorValue {{ Key = {Key}, Value = {(Secure ? Secrets.SecretMasker.Mask : Value.GetRawText())}, Secure = {Secure} }}";
}

/// <summary>
/// A key-value store per connector (TetraScience's connector data: <c>save</c>, <c>get</c> by keys, <c>secure</c>
/// values), durable across restarts. Local: SQLite in the data directory, secure values encrypted with AES-GCM.
/// HTTP: the platform API.
/// </summary>
public interface IConnectorData
{
    /// <summary>Saves values; each replaces the value of its key.</summary>
    Task SaveAsync(IEnumerable<ConnectorValue> values, CancellationToken cancellationToken = default);

    /// <summary>The values of these keys (those that exist), or every value when <paramref name="keys"/> is null.</summary>
    Task<IReadOnlyList<ConnectorValue>> GetAsync(IEnumerable<string>? keys = null, CancellationToken cancellationToken = default);
}

/// <summary>Shorthands over <see cref="IConnectorData"/>.</summary>
public static class ConnectorDataExtensions
{
    /// <summary>The value of one key, or null.</summary>
    public static async Task<ConnectorValue?> GetValueAsync(this IConnectorData data, string key, CancellationToken cancellationToken = default) =>
        (await data.GetAsync([key], cancellationToken).ConfigureAwait(false)).FirstOrDefault();

    /// <summary>Saves one string value.</summary>
    public static Task SaveAsync(this IConnectorData data, string key, string value, bool secure = false, CancellationToken cancellationToken = default) =>
        data.SaveAsync([ConnectorValue.Of(key, value, secure)], cancellationToken);
}
