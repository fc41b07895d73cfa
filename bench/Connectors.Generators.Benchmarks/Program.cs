using System;
using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Running;

namespace Connectors.Generators.Benchmarks;

internal static class Program
{
    /// <summary>
    /// <c>loop [cold|incremental|bound] [runs]</c> runs one benchmark in a plain loop and prints each run's time (for a profiler
    /// such as <c>perf record</c>); anything else goes to BenchmarkDotNet.
    /// </summary>
    public static void Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "loop")
        {
            Loop(args.Length > 1 ? args[1] : "cold", args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 50);
            return;
        }
        if (args.Length > 0 && args[0] == "parts")
        {
            PartsProfile.Run(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10);
            return;
        }
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }

    private static void Loop(string which, int runs)
    {
        var benchmarks = new GeneratorBenchmarks();
        benchmarks.Setup();
        for (var i = 0; i < runs; i++)
        {
            if (which == "bound")
            {
                benchmarks.BindNextEdit();
            }
            var start = Stopwatch.GetTimestamp();
            _ = which switch
            {
                "cold" => benchmarks.Cold(),
                "bound" => benchmarks.IncrementalOnBoundCompilation(),
                _ => benchmarks.IncrementalAfterUnrelatedEdit(),
            };
            Console.WriteLine($"{which} {i}: {Stopwatch.GetElapsedTime(start).TotalMilliseconds:F2} ms");
        }
    }
}
