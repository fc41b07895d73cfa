using System;
using System.IO;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Connectors.Runtime;
using Connectors.Runtime.Airbyte;
using Connectors.Runtime.Protocol;
using Connectors.Runtime.Secrets;
using Faker;
using Faker.HandWritten;

namespace Connectors.Benchmarks;

/// <summary>
/// Writes the same 1,000 pre-made Faker users as RECORD lines to <see cref="Stream.Null"/>: by hand, and through the
/// runtime's AirbyteWriter.WriteRecord with the generated serializer. The difference is the runtime's per-record cost
/// without record generation and without the process around it.
/// </summary>
[Config(typeof(InProcessConfig))]
[MemoryDiagnoser]
public class RecordWriteBenchmarks
{
    private const int Count = 1000;

    private User[] _users = [];
    private UserRecordLines _handWritten = null!;
    private JsonLineWriter _lines = null!;
    private AirbyteWriter _writer = null!;
    private RecordEnvelope _envelope = null!;
    private RecordWriter<User> _writeUser = null!;

    [GlobalSetup]
    public void Setup()
    {
        var data = new FakeData(0, DateTimeOffset.UnixEpoch);
        _users = new User[Count];
        for (var i = 0; i < Count; i++)
        {
            _users[i] = data.User(i + 1);
        }
        _handWritten = new UserRecordLines(Stream.Null);
        _lines = new JsonLineWriter(Stream.Null);
        _writer = new AirbyteWriter(_lines, new SecretMasker());
        _envelope = new RecordEnvelope(new StreamKey("users", null));
        _writeUser = UsersStream<FakerSource>().WriteRecord;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Count)]
    public void HandWritten()
    {
        foreach (var user in _users)
        {
            _handWritten.Write(user, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        }
        _handWritten.Flush();
    }

    [Benchmark(OperationsPerInvoke = Count)]
    public void Runtime()
    {
        foreach (var user in _users)
        {
            _writer.WriteRecord(_envelope, user, _writeUser, AirbyteWriter.Now());
        }
        _lines.Flush();
    }

    private static SourceStream<TConnector, User> UsersStream<TConnector>() where TConnector : class, IConnector<TConnector>
    {
        foreach (var stream in TConnector.Descriptor.Streams)
        {
            if (stream is SourceStream<TConnector, User> users && users.Name == "users")
            {
                return users;
            }
        }
        throw new InvalidOperationException("The Faker sample has no users stream.");
    }

    internal sealed class InProcessConfig : ManualConfig
    {
        public InProcessConfig() => AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance));
    }
}
