using System;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Connectors.Execution.Internal;

/// <summary>POSIX shell quoting and paths, for command lines run on Unix hosts.</summary>
internal static class UnixShell
{
    /// <summary>Quotes a word for a POSIX shell: left alone when it holds only safe characters, else in single quotes.</summary>
    public static string Quote(string word)
    {
        if (word.Length > 0 && word.All(IsSafe))
        {
            return word;
        }
        return "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }

    /// <summary>True for an environment variable name a shell can export.</summary>
    public static bool IsVariableName(string name) =>
        name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    /// <summary>Parses an octal file mode of 3 or 4 digits (<c>644</c>, <c>0600</c>, <c>4755</c>).</summary>
    public static int ParseMode(string mode)
    {
        if (mode.Length is < 3 or > 4 || !mode.All(c => c is >= '0' and <= '7'))
        {
            throw new ArgumentException($"The mode '{mode}' is not 3 or 4 octal digits (like 644 or 0600).", nameof(mode));
        }
        return Convert.ToInt32(mode, 8);
    }

    /// <summary>A mode as the 4 octal digits chmod takes.</summary>
    public static string FormatMode(int mode) => Convert.ToString(mode, 8).PadLeft(4, '0');

    /// <summary>The folder part of a POSIX path (<c>.</c> for a bare name).</summary>
    public static string Directory(string path)
    {
        var slash = path.TrimEnd('/').LastIndexOf('/');
        return slash switch
        {
            < 0 => ".",
            0 => "/",
            _ => path[..slash],
        };
    }

    /// <summary>The file-name part of a POSIX path.</summary>
    public static string FileName(string path)
    {
        var trimmed = path.TrimEnd('/');
        return trimmed[(trimmed.LastIndexOf('/') + 1)..];
    }

    /// <summary>A temporary file beside <paramref name="path"/>: hidden, named after it, unique.</summary>
    public static string TemporarySibling(string path, string nonce)
    {
        var folder = Directory(path);
        var name = "." + FileName(path) + "." + nonce + ".tmp";
        return folder == "/" ? "/" + name : folder + "/" + name;
    }

    /// <summary>A random token for temporary names and markers.</summary>
    public static string Nonce()
    {
        Span<byte> bytes = stackalloc byte[8];
        System.Security.Cryptography.RandomNumberGenerator.Fill(bytes);
        var text = new StringBuilder(16);
        foreach (var b in bytes)
        {
            text.Append(b.ToString("x2", CultureInfo.InvariantCulture));
        }
        return text.ToString();
    }

    private static bool IsSafe(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or '/' or ',' or ':' or '@' or '%' or '+' or '=';
}
