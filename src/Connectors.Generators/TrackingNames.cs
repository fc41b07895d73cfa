namespace Connectors.Generators;

/// <summary>The names of the generator's pipeline steps, tracked by the caching tests.</summary>
public static class TrackingNames
{
    /// <summary>
    /// [Connector] classes found, each with the fingerprint of its compilation's declarations (not parsed yet): the only
    /// step that runs on every edit; the parse steps after it run when it changed.
    /// </summary>
    public const string ConnectorInputs = nameof(ConnectorInputs);

    /// <summary>[Connector] classes found and parsed (null for a class the generator must skip).</summary>
    public const string ConnectorModels = nameof(ConnectorModels);

    /// <summary>The parsed models, without the skipped classes.</summary>
    public const string ValidConnectors = nameof(ValidConnectors);

    /// <summary>The connectors that declare commands or lifecycle hooks, which get a Commands file.</summary>
    public const string CommandConnectors = nameof(CommandConnectors);

    /// <summary>Every [Connector] class, valid or not, as a candidate for the generated Main.</summary>
    public const string EntryPointCandidates = nameof(EntryPointCandidates);

    /// <summary>Whether the compilation wants a generated Main.</summary>
    public const string EntryPointOptions = nameof(EntryPointOptions);

    /// <summary>The one connector that gets a Main, if any.</summary>
    public const string EntryPointTarget = nameof(EntryPointTarget);

    /// <summary>
    /// The [DiscoverStreams] families of every [Connector] class that has valid ones (its own model, like
    /// EntryPointCandidates, so editing a family regenerates only its file), which get a DynamicStreams file.
    /// </summary>
    public const string DynamicStreamConnectors = nameof(DynamicStreamConnectors);
}
