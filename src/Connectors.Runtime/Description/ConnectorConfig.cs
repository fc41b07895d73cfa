using System;
using System.Collections.Generic;
using System.Text.Json;
using Connectors.Runtime.Json;
using Connectors.Runtime.Secrets;

namespace Connectors.Runtime;

/// <summary>
/// Binds a configuration document into a new connector instance through the generated binder, for any protocol host:
/// types, ranges, patterns, required properties and defaults as the spec says, every problem reported with its JSON
/// path (not just the first), keys that name no property rejected or listed, and the secrets found handed to the
/// host's masker before anything can be written.
/// </summary>
public static class ConnectorConfig
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 256 };
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 256 };

    // Plain arrays and loops: a config that binds costs start-up no generic code over ConfigProblem.
    private static readonly ConfigProblem[] NoProblems = new ConfigProblem[0];
    private static readonly string[] NoSecrets = new string[0];
    private static readonly UnknownProperty[] NoUnknown = new UnknownProperty[0];

    /// <summary>Binds a parsed document.</summary>
    /// <param name="descriptor">The connector's description.</param>
    /// <param name="config">The document; anything but an object is a problem at <c>$</c>.</param>
    /// <param name="masker">Receives the secret values, even when binding throws.</param>
    /// <param name="rejectUnknownProperties">
    /// True: a key that names no property is a problem; false: it is listed in
    /// <see cref="ConfigBindingResult{TConnector}.UnknownProperties"/> for the host to warn about; null: as the connector
    /// says (<c>[Connector(StrictConfig = true)]</c>).
    /// </param>
    public static ConfigBindingResult<TConnector> Bind<TConnector>(ConnectorDescriptor<TConnector> descriptor, JsonElement config,
        SecretMasker? masker = null, bool? rejectUnknownProperties = null) where TConnector : class
    {
        var reader = new ConfigReader(config) { RejectUnknownProperties = rejectUnknownProperties ?? descriptor.StrictConfig };
        var connector = descriptor.Create();
        IReadOnlyList<string> added = NoSecrets;
        try
        {
            if (reader.ExpectObject(config, "$"))
            {
                descriptor.BindConfig(connector, reader);
            }
        }
        finally
        {
            // Even if binding throws, the secrets read so far must be masked in the error that follows.
            added = masker?.Add(reader.Secrets) ?? NoSecrets;
        }
        var problems = Problems(reader);
        return new ConfigBindingResult<TConnector>(problems.Length == 0 ? connector : null, problems, reader.Secrets, reader.UnknownProperties, added);
    }

    private static ConfigProblem[] Problems(ConfigReader reader)
    {
        if (reader.Errors.Count == 0)
        {
            return NoProblems;
        }
        var problems = new ConfigProblem[reader.Errors.Count];
        for (var i = 0; i < problems.Length; i++)
        {
            problems[i] = ConfigProblem.Parse(reader.Errors[i]);
        }
        return problems;
    }

    /// <summary>Parses and binds a UTF-8 JSON document; text that is not JSON is one problem at <c>$</c>.</summary>
    public static ConfigBindingResult<TConnector> Bind<TConnector>(ConnectorDescriptor<TConnector> descriptor, ReadOnlyMemory<byte> utf8Json,
        SecretMasker? masker = null, bool? rejectUnknownProperties = null) where TConnector : class
    {
        // As a config file: a byte order mark is not an error.
        if (utf8Json.Span.StartsWith("\uFEFF"u8))
        {
            utf8Json = utf8Json[3..];
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8Json, Options);
        }
        catch (JsonException ex)
        {
            var problem = new ConfigProblem("$", "not valid JSON: " + JsonSyntax.Describe(utf8Json.Span, ex, ReaderOptions));
            return new ConfigBindingResult<TConnector>(null, [problem], NoSecrets, NoUnknown);
        }
        using (document)
        {
            return Bind(descriptor, document.RootElement, masker, rejectUnknownProperties);
        }
    }
}
