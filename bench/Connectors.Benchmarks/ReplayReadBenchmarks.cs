using System;
using System.IO;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Connectors.Runtime;
using Connectors.Runtime.Hosting;
using Faker;
using Faker.HandWritten;

namespace Connectors.Benchmarks;

/// <summary>
/// A whole in-process <c>read</c> of 100,000 replayed Faker users to <see cref="Stream.Null"/>: the generated
/// connector through ConnectorHost (config, catalog, stream iterator, pump, cursor tracking, STATE, line writer)
/// against the hand-written loop over the same users. Without record generation, the gap is the SDK's per-record cost.
/// </summary>
[Config(typeof(RecordWriteBenchmarks.InProcessConfig))]
[MemoryDiagnoser]
public class ReplayReadBenchmarks
{
    private const int Count = 100_000;

    private User[] _users = [];
    private string _directory = "";
    private string[] _args = [];
    private HostIO _io = null!;

    [GlobalSetup]
    public void Setup()
    {
        var data = new FakeData(0, DateTimeOffset.UnixEpoch);
        _users = new User[1000];
        for (var i = 0; i < _users.Length; i++)
        {
            _users[i] = data.User(i + 1);
        }
        ReplaySource.Replayed = _users;
        _directory = Directory.CreateTempSubdirectory("connectors-bench-").FullName;
        var config = Path.Combine(_directory, "config.json");
        var catalog = Path.Combine(_directory, "catalog.json");
        File.WriteAllText(config, $$"""{"count":{{Count}}}""");
        File.WriteAllText(catalog, """
            {"streams":[{"stream":{"name":"users","json_schema":{"type":"object"},"supported_sync_modes":["full_refresh","incremental"]},
             "sync_mode":"full_refresh","destination_sync_mode":"append"}]}
            """);
        _args = ["read", "--config", config, "--catalog", catalog];
        _io = new HostIO(Stream.Null, TextWriter.Null, Stream.Null);
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_directory, recursive: true);

    [Benchmark(Baseline = true, OperationsPerInvoke = Count)]
    public void HandWritten()
    {
        var users = _users;
        var lines = new UserRecordLines(Stream.Null);
        for (var i = 0; i < Count; i++)
        {
            lines.Write(users[i % users.Length], DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        }
        lines.Flush();
    }

    [Benchmark(OperationsPerInvoke = Count)]
    public async Task<int> Generated()
    {
        var exitCode = await ConnectorHost.RunAsync(Descriptor<ReplaySource>(), _args, _io).ConfigureAwait(false);
        return exitCode == 0 ? exitCode : throw new InvalidOperationException($"read exited with {exitCode}");
    }

    private static ConnectorDescriptor<T> Descriptor<T>() where T : class, IConnector<T> => T.Descriptor;
}
