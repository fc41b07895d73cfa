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
/// A whole <c>read</c> of 10,000 Faker users to <see cref="Stream.Null"/>, in process: the generated connector through
/// ConnectorHost (config, catalog, pump, cursor tracking, STATE), against the hand-written loop over the same generator.
/// </summary>
[Config(typeof(RecordWriteBenchmarks.InProcessConfig))]
[MemoryDiagnoser]
public class ReadBenchmarks
{
    private const int Count = 10_000;

    private string _directory = "";
    private string[] _args = [];
    private HostIO _io = null!;

    [GlobalSetup]
    public void Setup()
    {
        _directory = Directory.CreateTempSubdirectory("connectors-bench-").FullName;
        var config = Path.Combine(_directory, "config.json");
        var catalog = Path.Combine(_directory, "catalog.json");
        File.WriteAllText(config, $$"""{"count":{{Count}},"seed":0,"records_per_slice":1000,"always_updated":true}""");
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
        var data = new FakeData(0, DateTimeOffset.UtcNow);
        var lines = new UserRecordLines(Stream.Null);
        for (long id = 1; id <= Count; id++)
        {
            lines.Write(data.User(id), DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        }
        lines.Flush();
    }

    [Benchmark(OperationsPerInvoke = Count)]
    public async Task<int> Generated()
    {
        var exitCode = await ConnectorHost.RunAsync(Descriptor<FakerSource>(), _args, _io).ConfigureAwait(false);
        return exitCode == 0 ? exitCode : throw new InvalidOperationException($"read exited with {exitCode}");
    }

    private static ConnectorDescriptor<T> Descriptor<T>() where T : class, IConnector<T> => T.Descriptor;
}
