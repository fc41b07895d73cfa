using System;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using Connectors.Generators.Emit;
using Connectors.Generators.Parsing;
using Microsoft.CodeAnalysis;

namespace Connectors.Generators.Benchmarks;

/// <summary><c>parts</c>: times the generator's parse stages and emitters one by one on fresh compilations (where the cold time goes).</summary>
internal static class PartsProfile
{
    public static void Run(int runs)
    {
        var compilation = SyntheticProject.Create();
        for (var i = 0; i < runs; i++)
        {
            var fresh = compilation.Clone();
            var t = Stopwatch.GetTimestamp();
            var type = fresh.GetTypeByMetadataName("Synthetic.SyntheticSource")!;
            var attribute = type.GetAttributes().Single(a => a.AttributeClass!.Name == "ConnectorAttribute");
            var lookup = Lap(ref t);
            var factory = new TypeShapeFactory(fresh, 0, ProblemSink.Ignore, CancellationToken.None);
            var config = factory.ConfigObject(type, type);
            var configTime = Lap(ref t);
            CheckParser.Parse(type, ProblemSink.Ignore, CancellationToken.None);
            var check = Lap(ref t);
            StreamParser.Parse(type, factory, ProblemSink.Ignore, CancellationToken.None, out _);
            var streams = Lap(ref t);
            var model = ConnectorParser.Parse(type, attribute, fresh.Clone(), ProblemSink.Ignore, CancellationToken.None)!;
            var whole = Lap(ref t);
            var names = GeneratedNames.For(model);
            ConnectorEmitter.Emit(model, names);
            var e1 = Lap(ref t);
            SpecEmitter.Emit(model);
            var e2 = Lap(ref t);
            ConfigBinderEmitter.Emit(model, names);
            var e3 = Lap(ref t);
            StreamsEmitter.Emit(model, names);
            var e4 = Lap(ref t);
            RecordWritersEmitter.Emit(model, names);
            var e5 = Lap(ref t);
            Console.WriteLine($"lookup {lookup:F1} config {configTime:F1} check {check:F1} streams {streams:F1} | whole parse (fresh) {whole:F1} | emit connector {e1:F1} spec {e2:F1} binder {e3:F1} streams {e4:F1} writers {e5:F1} ms");
        }
    }

    private static double Lap(ref long start)
    {
        var now = Stopwatch.GetTimestamp();
        var ms = Stopwatch.GetElapsedTime(start, now).TotalMilliseconds;
        start = now;
        return ms;
    }
}
