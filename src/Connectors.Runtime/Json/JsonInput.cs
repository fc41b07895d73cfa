using System;
using System.IO;
using System.Text.Json;

namespace Connectors.Runtime.Json;

/// <summary>Loads JSON input files with errors that say which file, where and what.</summary>
public static class JsonInput
{
    private static readonly JsonDocumentOptions Options = new()
    {
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        MaxDepth = 256,
    };

    // The same rules, to find where a file that does not parse went wrong.
    private static readonly JsonReaderOptions ReaderOptions = new()
    {
        AllowTrailingCommas = Options.AllowTrailingCommas,
        CommentHandling = Options.CommentHandling,
        MaxDepth = Options.MaxDepth,
    };

    /// <summary>Reads and parses a file.</summary>
    /// <param name="path">The file's path, as the user gave it.</param>
    /// <param name="role">What the file is, for messages ("config", "catalog", "state").</param>
    /// <exception cref="InputException">The file is missing, unreadable or not JSON.</exception>
    public static JsonDocument Load(string path, string role)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (FileNotFoundException)
        {
            throw new InputException($"The {role} file '{path}' does not exist.");
        }
        catch (DirectoryNotFoundException)
        {
            throw new InputException($"The {role} file '{path}' does not exist.");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"The {role} file '{path}' cannot be read: {ex.Message}");
        }
        return Parse(bytes, path, role);
    }

    /// <summary>Parses JSON bytes that came from <paramref name="path"/>.</summary>
    public static JsonDocument Parse(ReadOnlyMemory<byte> bytes, string path, string role)
    {
        // Windows editors save UTF-8 with a byte order mark, which JsonDocument does not skip in a byte buffer.
        if (bytes.Span.StartsWith("\uFEFF"u8))
        {
            bytes = bytes[3..];
        }
        try
        {
            return JsonDocument.Parse(bytes, Options);
        }
        catch (JsonException ex)
        {
            throw new InputException($"The {role} file '{path}' is not valid JSON: {JsonSyntax.Describe(bytes.Span, ex, ReaderOptions)}");
        }
    }

    /// <summary>Formats a problem found at a JSON path of a file.</summary>
    public static InputException Problem(string path, string role, string jsonPath, string problem) =>
        new($"The {role} file '{path}' is invalid: {jsonPath}: {problem}");

    /// <summary>What is wrong with JSON that did not parse, and where (line and byte), in words a person acts on.</summary>
    internal static string Describe(JsonException ex) => JsonSyntax.Describe(ex);
}
