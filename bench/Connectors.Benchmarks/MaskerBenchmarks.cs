using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Text.Encodings.Web;
using BenchmarkDotNet.Attributes;
using Connectors.Runtime.Secrets;

namespace Connectors.Benchmarks;

/// <summary>
/// The cost of masking one text with two secrets configured (an API key with characters every encoding changes, and a
/// password; about 90 forms): <see cref="SecretMasker.Apply"/>'s one-pass search against the previous implementation, a
/// <c>Contains</c> then <c>Replace</c> per form, run over the same forms (<c>Naive</c>) and over the five forms it knew
/// (<c>Previous</c>). Texts: a log line without a secret (the common case), one with a secret, and a 4 KiB stack trace.
/// </summary>
[Config(typeof(RecordWriteBenchmarks.InProcessConfig))]
[MemoryDiagnoser]
public class MaskerBenchmarks
{
    private const string ApiKey = "pr0be-K3y/\"quoted\"+ü&~ 42";
    private const string Password = "correct horse battery staple";

    private SecretMasker _masker = null!;
    private string[] _allForms = [];
    private string[] _previousForms = [];

    [Params("log line", "log line with a secret", "stack trace")]
    public string Text { get; set; } = "";

    private string _text = "";

    [GlobalSetup]
    public void Setup()
    {
        _masker = new SecretMasker();
        _masker.Add([ApiKey, Password]);
        _masker.AddUserNames(["probe-user", "https://api.example.com"]);
        _allForms = new[] { ApiKey, Password }.SelectMany(s => SecretForms.Of(s, ["probe-user", "https://api.example.com"]))
            .Distinct().OrderByDescending(f => f.Length).ToArray();
        _previousForms = new[] { ApiKey, Password }.SelectMany(PreviousForms).Distinct().OrderByDescending(f => f.Length).ToArray();
        const string line = "Fetched page 17 of /v2/orders?updated_since=2024-05-01T00:00:00Z in 182 ms (200 OK, 250 records, next cursor eyJpZCI6MTIzNDV9)";
        _text = Text switch
        {
            "log line" => line,
            "log line with a secret" => line + " using key " + Uri.EscapeDataString(ApiKey),
            _ => string.Concat(Enumerable.Repeat("   at Connectors.Runtime.Airbyte.StreamReadSession`1.ReadAsync(CancellationToken cancellation) in /src/Runtime/Airbyte/StreamReadSession.cs:line 123\n", 30)),
        };
    }

    [Benchmark(Baseline = true)]
    public string OnePass() => _masker.Apply(_text);

    [Benchmark]
    public string Naive() => Replace(_text, _allForms);

    [Benchmark]
    public string Previous() => Replace(_text, _previousForms);

    private static string Replace(string text, string[] forms)
    {
        foreach (var form in forms)
        {
            if (text.Contains(form, StringComparison.Ordinal))
            {
                text = text.Replace(form, SecretMasker.Mask, StringComparison.Ordinal);
            }
        }
        return text;
    }

    private static IEnumerable<string> PreviousForms(string secret) =>
    [
        secret,
        JavaScriptEncoder.UnsafeRelaxedJsonEscaping.Encode(secret),
        JavaScriptEncoder.Default.Encode(secret),
        Uri.EscapeDataString(secret),
        WebUtility.UrlEncode(secret),
    ];
}
