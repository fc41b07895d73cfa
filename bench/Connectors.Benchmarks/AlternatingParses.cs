using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Connectors.Runtime.Airbyte;

namespace Connectors.Benchmarks;

/// <summary>
/// The <c>write</c> command's line parser alone, in-process over a file of messages held in memory: the reader's pass
/// (<see cref="InputMessage.ParseWithReader"/>, <c>Utf8JsonReader</c>) and the scanner's (<see cref="InputMessage.Parse"/>,
/// <see cref="JsonScanner"/> for plain RECORDs), both listing each record's data properties, alternated round after
/// round (round 0 is warm-up). Prints CPU ns per line (median, min) and the ratio, and fails unless both passes give
/// the same messages and properties.
/// </summary>
internal static class AlternatingParses
{
    public static int Run(string file, int rounds, TextWriter output)
    {
        var lines = File.ReadAllLines(file).Where(l => l.Trim().Length > 0).Select(System.Text.Encoding.UTF8.GetBytes).ToArray();
        var fields = new DataFields();
        var readerSum = Pass(lines, fields, scanner: false);
        var scannerSum = Pass(lines, fields, scanner: true);
        if (readerSum != scannerSum)
        {
            output.WriteLine($"the passes differ: reader {readerSum}, scanner {scannerSum}");
            return 1;
        }
        var times = new Dictionary<bool, List<double>> { [false] = new(), [true] = new() };
        for (var round = 0; round <= rounds; round++)
        {
            foreach (var scanner in round % 2 == 0 ? new[] { false, true } : new[] { true, false })
            {
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                Pass(lines, fields, scanner);
                var ns = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds * 1e6 / lines.Length;
                if (round > 0)
                {
                    times[scanner].Add(ns);
                }
            }
        }
        double Median(List<double> v) => v.Order().ElementAt(v.Count / 2);
        output.WriteLine($"{lines.Length} lines ({lines.Sum(l => (long)l.Length) / lines.Length} bytes each on average), {rounds} rounds; CPU ns per line, median (min):");
        output.WriteLine($"  Utf8JsonReader pass: {Median(times[false]):F0} ({times[false].Min():F0})");
        output.WriteLine($"  scanner pass:        {Median(times[true]):F0} ({times[true].Min():F0})");
        output.WriteLine($"  ratio reader / scanner: {Median(times[false]) / Median(times[true]):F2}");
        return 0;
    }

    /// <summary>Parses every line; a checksum of what was found, so both passes can be compared.</summary>
    private static (long Records, long Fields, long Sum) Pass(byte[][] lines, DataFields fields, bool scanner)
    {
        long records = 0, fieldCount = 0, sum = 0;
        foreach (var line in lines)
        {
            var message = scanner ? InputMessage.Parse(line, fields) : InputMessage.ParseWithReader(line, fields);
            if (message.Kind != InputKind.Record)
            {
                continue;
            }
            records++;
            fieldCount += fields.Count;
            sum += message.Data.Start + message.Data.Length + message.Stream.Start + (message.EmittedAt ?? 0);
            foreach (var field in fields.AsSpan())
            {
                sum += field.NameStart * 3 + field.ValueStart * 5 + field.ValueLength * 7 + (int)field.Kind;
            }
        }
        return (records, fieldCount, sum);
    }
}
