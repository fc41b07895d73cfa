using Connectors;

namespace Example;

/// <summary>
/// The source-example connector. It emits made-up records so that it runs out of the box: replace the configuration,
/// the check and the stream with calls to the system you read from.
/// </summary>
[Connector("source-example", Version = "0.1.0", Title = "Example")]
public sealed partial class ExampleSource
{
    /// <summary>How many records the example_stream stream emits.</summary>
    /// <remarks>
    /// Every [ConfigProperty] becomes a field of the connector's spec. Add your own: a base URL, an API key (with
    /// Secret = true, so it is masked in every log), a start date.
    /// </remarks>
    [ConfigProperty(Minimum = 1, Maximum = 1_000_000, Order = 0)]
    public int Count { get; set; } = 10;

    /// <summary>
    /// Tries the configuration. Connect to your system here: return CheckResult.Failed("why") (or throw
    /// ConfigException) for a problem the user must fix; any other exception is reported as a connector failure.
    /// </summary>
    [Check]
    public CheckResult Check() => CheckResult.Success($"Ready to read {Count} example_stream records.");

    /// <summary>
    /// The example_stream stream, in id order. It is incremental: <paramref name="since"/> is the greatest updated_at of
    /// the previous sync (null on the first sync and in full refresh), and only newer records are returned.
    /// </summary>
    [Stream("example_stream", PrimaryKey = nameof(ExampleStreamRecord.Id), Cursor = nameof(ExampleStreamRecord.UpdatedAt), SortedByCursor = true)]
    public IEnumerable<ExampleStreamRecord> ExampleStream(DateTimeOffset? since, CancellationToken cancellationToken)
    {
        for (var id = 1; id <= Count; id++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var record = new ExampleStreamRecord(id, $"example_stream {id}", Epoch.AddHours(id));
            if (since is null || record.UpdatedAt > since)
            {
                yield return record;
            }
        }
    }

    private static readonly DateTimeOffset Epoch = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
}
