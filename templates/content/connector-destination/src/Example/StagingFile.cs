using System.Globalization;
using System.Text;

namespace Example;

/// <summary>
/// Where an overwrite writes until the stream is complete: a staging file beside the stream's final file. Every commit
/// records, in a small <c>.committed</c> file next to it, the generation and how many bytes are committed, so a retry
/// of the same generation (which resumes after the last acknowledged state) keeps exactly the committed bytes: it
/// neither loses committed records nor keeps ones written after the last commit. Once swapped in, the record moves
/// with the file: a retry after the stream completed appends to the final file instead of replacing it with only what
/// the retry sends. Another generation (or none) starts over.
/// </summary>
internal sealed class StagingFile : IDisposable
{
    private const string Committed = ".committed";

    private readonly string _finalPath;
    private readonly long? _generation;

    private StagingFile(string finalPath, string path, long? generation, long keep)
    {
        _finalPath = finalPath;
        Path = path;
        _generation = generation;
        Stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.Write);
        Stream.SetLength(Math.Min(keep, Stream.Length));
        Stream.Seek(0, SeekOrigin.End);
    }

    /// <summary>Where the new data is written: the staging file, or the final file when an earlier attempt of this generation swapped it in.</summary>
    public string Path { get; }

    public FileStream Stream { get; }

    /// <summary>Opens where the overwrite of <paramref name="finalPath"/> writes, resuming what an attempt at this generation committed.</summary>
    public static StagingFile Open(string finalPath, long? generation)
    {
        var staging = finalPath + ".staging";
        if (generation is not null && File.Exists(staging) && CommittedLength(staging, generation) is { } resumed)
        {
            return new StagingFile(finalPath, staging, generation, resumed);
        }
        if (generation is not null && CommittedLength(finalPath, generation) is { } swapped)
        {
            return new StagingFile(finalPath, finalPath, generation, swapped);
        }
        return new StagingFile(finalPath, staging, generation, 0);
    }

    /// <summary>Makes what was written durable, then records it as committed.</summary>
    public void Commit()
    {
        Stream.Flush(flushToDisk: true);
        // Fixed width, overwritten in place and flushed: the record is always whole.
        var text = string.Create(CultureInfo.InvariantCulture, $"{_generation?.ToString(CultureInfo.InvariantCulture) ?? "-",20} {Stream.Length,20}\n");
        using var marker = new FileStream(Path + Committed, FileMode.OpenOrCreate, FileAccess.Write);
        marker.Write(Encoding.ASCII.GetBytes(text));
        marker.Flush(flushToDisk: true);
    }

    /// <summary>The stream is complete: the staging file replaces the final one (its commit record first, so a crash in between resumes correctly).</summary>
    public void SwapIn()
    {
        Stream.Dispose();
        if (Path == _finalPath)
        {
            return;
        }
        File.Copy(Path + Committed, _finalPath + Committed, overwrite: true);
        File.Move(Path, _finalPath, overwrite: true);
        File.Delete(Path + Committed);
    }

    public void Dispose() => Stream.Dispose();

    /// <summary>The committed length recorded beside <paramref name="path"/> for <paramref name="generation"/>, if any.</summary>
    private static long? CommittedLength(string path, long? generation)
    {
        if (!File.Exists(path + Committed))
        {
            return null;
        }
        var parts = File.ReadAllText(path + Committed).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return parts.Length == 2 && parts[0] == generation?.ToString(CultureInfo.InvariantCulture)
            && long.TryParse(parts[1], CultureInfo.InvariantCulture, out var length) ? length : null;
    }
}
