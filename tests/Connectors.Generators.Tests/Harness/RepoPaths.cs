using System;
using System.IO;
using System.Linq;

namespace Connectors.Generators.Tests.Harness;

/// <summary>Files of the repository the tests read (the sample connectors), found from the test binaries' location.</summary>
internal static class RepoPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    /// <summary>The directory holding <c>Connectors.sln</c>.</summary>
    public static string Root => LazyRoot.Value;

    /// <summary>The Faker sample's source files (name, text), in ordinal order.</summary>
    public static (string Path, string Text)[] FakerSources() => SampleSources("Faker.Source");

    /// <summary>The Instrument sample's source files: config, a check, a stream, commands and hooks, so every pipeline step has outputs.</summary>
    public static (string Path, string Text)[] InstrumentSources() => SampleSources("Instrument.Connector");

    /// <summary>Every sample connector (a folder under samples/ holding C# files), by folder name, ordinal order.</summary>
    public static string[] SampleNames() =>
        Directory.GetDirectories(Path.Combine(Root, "samples"))
            .Where(directory => Directory.GetFiles(directory, "*.cs").Length > 0)
            .Select(directory => Path.GetFileName(directory))
            .OrderBy(name => name, StringComparer.Ordinal)
            .ToArray();

    /// <summary>One sample's source files (name, text), in ordinal order.</summary>
    public static (string Path, string Text)[] SampleSources(string sample) =>
        Directory.GetFiles(Path.Combine(Root, "samples", sample), "*.cs")
            .OrderBy(path => path, StringComparer.Ordinal)
            .Select(path => (Path.GetFileName(path), File.ReadAllText(path)))
            .ToArray();

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Connectors.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException($"No Connectors.sln above {AppContext.BaseDirectory}.");
    }
}
