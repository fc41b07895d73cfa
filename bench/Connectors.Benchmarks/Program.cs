using System;
using BenchmarkDotNet.Running;

namespace Connectors.Benchmarks;

internal static class Program
{
    /// <summary>
    /// <c>alternate [rounds] [records]</c> runs <see cref="AlternatingReads"/>; <c>parse FILE [rounds]</c> runs
    /// <see cref="AlternatingParses"/>; anything else goes to BenchmarkDotNet.
    /// </summary>
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "alternate")
        {
            var rounds = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 15;
            var records = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 200_000;
            return AlternatingReads.Run(rounds, records, Console.Out);
        }
        if (args.Length > 1 && args[0] == "parse")
        {
            var rounds = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 9;
            return AlternatingParses.Run(args[1], rounds, Console.Out);
        }
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
