using System;
using System.IO;

namespace Connectors.Generators.Tests.Harness;

/// <summary>Files of the repository the tests read (the sample connector), found from the test binaries' location.</summary>
internal static class RepoPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    /// <summary>The directory holding <c>Connectors.sln</c>.</summary>
    public static string Root => LazyRoot.Value;

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
