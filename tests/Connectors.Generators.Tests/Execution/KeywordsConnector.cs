using System;
using Connectors.Generators.Tests.Harness;
using Xunit;

namespace Connectors.Generators.Tests.Execution;

/// <summary>
/// A connector whose schemas hold every fact a protocol host renders as its own keywords (secret and hidden properties,
/// nested and in arrays; timestamps with and without a time zone, times, dates; nullable, in lists and in maps), and
/// names and values that merely look like those keywords (a property named <c>x-secret</c>, a default of
/// <c>"x-hidden"</c>, a record field named <c>airbyte_type</c>), which must come out as written.
/// </summary>
public sealed class KeywordsConnector : IDisposable
{
    public const string Source = """
        using System;
        using System.Collections.Generic;
        using System.Text.Json.Serialization;
        using Connectors;

        namespace Keywords;

        public sealed class Vault
        {
            /// <summary>A token: "quoted", with a tab	, é and ✓.</summary>
            [ConfigProperty(Secret = true)]
            public string Token { get; set; } = "";

            [ConfigProperty(Hidden = true, Default = "internal")]
            public string Mode { get; set; } = "internal";
        }

        public sealed record Inner(
            [property: JsonPropertyName("x-timezone")] DateTimeOffset NamedLikeAKeyword,
            [property: JsonPropertyName("format")] string Format,
            [property: JsonPropertyName("airbyte_type")] TimeOnly AirbyteType);

        public sealed record Moment(
            long Id,
            DateTimeOffset At,
            DateTime Local,
            DateTime? MaybeLocal,
            TimeOnly Time,
            TimeOnly? MaybeTime,
            DateOnly Day,
            List<DateTimeOffset> History,
            Dictionary<string, DateTime> ByName,
            Inner Inner);

        [Connector("source-keywords", Version = "2.0.0", DocumentationUrl = "https://example.com/keywords")]
        public partial class KeywordsSource
        {
            [ConfigProperty(Secret = true, Hidden = true, Order = 1, Group = "auth")]
            public required string Password { get; set; }

            [ConfigProperty(Name = "x-secret", Description = "A property whose name is a neutral keyword.")]
            public string NamedLikeAKeyword { get; set; } = "x-hidden";

            [ConfigProperty(Name = "airbyte_secret")]
            public bool NamedLikeAirbyte { get; set; }

            [ConfigProperty(Examples = new object[] { "format", "x-timezone" })]
            public string Format { get; set; } = "date-time";

            [ConfigProperty]
            public Vault Vault { get; set; } = new();

            [ConfigProperty]
            public List<Vault> Vaults { get; set; } = [];

            [ConfigProperty]
            public DateTimeOffset? Since { get; set; }

            [ConfigProperty]
            public DateTime? LocalSince { get; set; }

            [ConfigProperty]
            public DateOnly? Day { get; set; }

            [Check]
            public CheckResult Check() => CheckResult.Success();

            [Stream("moments", PrimaryKey = nameof(Moment.Id))]
            public IEnumerable<Moment> Moments()
            {
                yield break;
            }
        }
        """;

    /// <summary>A config that binds.</summary>
    public const string Config = """{"password": "p4ssw0rd-long", "airbyte_secret": false}""";

    private readonly Lazy<LoadedConnector> _connector = new(() => LoadedConnector.Load(Source, "Keywords.KeywordsSource"));

    internal LoadedConnector Connector => _connector.Value;

    public void Dispose()
    {
        if (_connector.IsValueCreated)
        {
            _connector.Value.Dispose();
        }
    }
}
