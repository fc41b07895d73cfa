using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Connectors.Runtime;
using Connectors.Testing.Processes;
using Connectors.Testing.Session;

namespace Connectors.Testing;

/// <summary>
/// The acceptance tests of a destination: derive a test class from it, say how to make a config for an empty place to
/// write (<see cref="NewConfigAsync"/>) and how to read back what was stored (<see cref="ReadBackAsync"/>), and every rule
/// a destination keeps becomes a test of that class (spec, check, secrets, and the write rules: states echoed only
/// after their records are committed, nothing lost across kills, an unfinished overwrite keeps the old data).
/// </summary>
/// <remarks>
/// The kit writes its own input, generated from <see cref="Catalog"/>: records valid against each stream's schema,
/// STATE messages carrying the platform's <c>id</c>, and STREAM_STATUS messages, as a source and a platform send them.
/// </remarks>
/// <typeparam name="TConnector">The destination connector class.</typeparam>
public abstract partial class DestinationAcceptanceTests<TConnector> : ConnectorAcceptanceTests<TConnector>
    where TConnector : class, IConnector<TConnector>
{
    /// <summary>A config (JSON) that points at a new, empty place to write: a fresh file, folder, database or schema.</summary>
    protected abstract Task<string> NewConfigAsync();

    /// <summary>
    /// Every row the destination stored for <paramref name="stream"/> under <paramref name="config"/> (one of
    /// <see cref="NewConfigAsync"/>'s), as column or field name → value; empty when nothing was stored. It runs while the
    /// destination may still be writing: read only what is committed. <see cref="StoredRows"/> helps.
    /// </summary>
    protected abstract Task<IReadOnlyList<IReadOnlyDictionary<string, object?>>> ReadBackAsync(string config, string stream);

    /// <summary>
    /// The configured catalog (JSON) the kit writes: by default two streams of its own covering the common types. Each
    /// stream needs a one-field primary key; the kit sets destination_sync_mode per rule.
    /// </summary>
    protected virtual string Catalog => WriteStream.DefaultCatalog;

    /// <summary>How many checkpoints (one STATE per stream each) the generated input has.</summary>
    protected virtual int Checkpoints => 4;

    /// <summary>How many records of each stream each checkpoint holds.</summary>
    protected virtual int RecordsPerCheckpoint => 25;

    /// <summary>How many times the kill rule kills the destination (at seeded random points) before letting it finish.</summary>
    protected virtual int Kills => 3;

    /// <summary>The seed of the generated input and of the kill points.</summary>
    protected virtual int Seed => 20240301;

    /// <summary>How long the kit waits for a state's echo before it calls the state unacknowledged.</summary>
    protected virtual TimeSpan EchoTimeout => TimeSpan.FromSeconds(30);

    /// <summary>The sync modes the spec declares (empty when it declares none).</summary>
    internal async Task<IReadOnlyList<string>> SyncModesAsync()
    {
        var run = await SpecRunAsync();
        var modes = run.OfType("SPEC").Select(m => Message.Payload(Message.Payload(m, "spec"), "supported_destination_sync_modes"))
            .FirstOrDefault(m => m.ValueKind == JsonValueKind.Array);
        return modes.ValueKind == JsonValueKind.Array ? modes.EnumerateArray().Select(m => m.ToString()).ToList() : [];
    }

    /// <summary>The first of <paramref name="preferred"/> the destination supports, or a skip.</summary>
    internal async Task<string> RequireModeAsync(string why, params string[] preferred)
    {
        var modes = await SyncModesAsync();
        return preferred.FirstOrDefault(modes.Contains) ?? throw new RuleNotApplicableException(
            $"{why} needs destination_sync_mode {string.Join(" or ", preferred)}; the spec declares [{string.Join(", ", modes)}].");
    }

    /// <summary>The write command line for a config and a catalog in <paramref name="mode"/>, with their files.</summary>
    internal string[] WriteArgs(string config, string mode) =>
        ["write", "--config", Session.WriteFile("config.json", config), "--catalog", Session.WriteFile($"catalog-{mode}.json", WriteStream.Catalog(Catalog, mode))];

    /// <summary>The streams the kit writes.</summary>
    internal IReadOnlyList<WriteStream> Streams => WriteStream.Of(Catalog);

    /// <summary>The generated input of one generation.</summary>
    internal DestinationInput Input(int generation = 0, bool complete = true, string? endStatus = null) =>
        DestinationInput.Generate(Streams, Checkpoints, RecordsPerCheckpoint, Seed, generation, complete, endStatus);

    private protected override async Task RunEveryCommandAsync()
    {
        await CheckRunAsync();
        await BadCheckRunsAsync();
        try
        {
            await EchoRunAsync();
        }
        catch (RuleNotApplicableException)
        {
            // No mode the echo rule can use: the other runs are searched.
        }
        await GarbageWriteRunsAsync();
    }
}
