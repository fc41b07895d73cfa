using System;
using System.IO;
using System.Linq;
using System.Reflection;

// Process-level tests of Unix processes (shell scripts, file modes, tmux).
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]

namespace Connectors.Client.Tests.Infrastructure;

/// <summary>The dlls this solution built for the tests to run (recorded by the csproj's AddConnectorPaths target).</summary>
internal static class Built
{
    public static string Faker => Path("source-faker");

    public static string Kitchen => Path("source-kitchen");

    public static string SqliteDestination => Path("destination-sqlite");

    public static string PostgresDestination => Path("destination-postgres");

    public static string Cli => Path("connectors");

    private static string Path(string name)
    {
        var path = typeof(Built).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "connector:" + name)?.Value
            ?? throw new InvalidOperationException($"No built path recorded for {name}.");
        return File.Exists(path) ? path : throw new FileNotFoundException($"{name} was not built.", path);
    }
}
