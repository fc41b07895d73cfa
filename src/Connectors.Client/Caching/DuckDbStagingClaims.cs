using System.IO;

namespace Connectors.Client.Caching;

/// <summary>
/// Who owns a DuckDB staging directory. A read's writer holds its directory's <c>.claim</c> file open with no sharing (an
/// exclusive lock the OS drops when the process dies), so a directory whose claim nobody holds was left by a read that was
/// killed: the next read into the same database removes it. A live read's directory, in this process or another, is kept.
/// </summary>
internal static class DuckDbStagingClaims
{
    private const string ClaimFile = ".claim";

    /// <summary>Claims a new staging directory: its claim file stays locked until the returned stream is disposed.</summary>
    public static FileStream Claim(string directory) =>
        new(Path.Combine(directory, ClaimFile), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);

    /// <summary>Removes the staging directories beside <paramref name="databasePath"/> that no live read claims.</summary>
    public static void RemoveAbandoned(string databasePath)
    {
        var folder = Path.GetDirectoryName(databasePath);
        if (string.IsNullOrEmpty(folder) || !Directory.Exists(folder))
        {
            return;
        }
        foreach (var directory in Directory.EnumerateDirectories(folder, Path.GetFileName(databasePath) + "." + Cache.StagingPrefix + "*"))
        {
            if (IsAbandoned(directory))
            {
                try
                {
                    Directory.Delete(directory, recursive: true);
                }
                catch (IOException)
                {
                    // Gone already, or not ours to remove: the read goes on either way.
                }
                catch (System.UnauthorizedAccessException)
                {
                }
            }
        }
    }

    private static bool IsAbandoned(string directory)
    {
        try
        {
            using var probe = new FileStream(Path.Combine(directory, ClaimFile), FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            return true;
        }
        catch (FileNotFoundException)
        {
            // No claim yet: a read that is creating it right now. Left alone.
            return false;
        }
        catch (IOException)
        {
            return false; // held by a live read
        }
        catch (System.UnauthorizedAccessException)
        {
            return false;
        }
    }
}
