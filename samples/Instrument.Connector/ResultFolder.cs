using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Instrument;

/// <summary>
/// The folder an instrument writes result files into: one JSON object per file,
/// <c>{"sample_id","analyte","value","unit","measured_at"}</c>. A file that cannot be read is logged and skipped, so one
/// bad file never stops ingestion.
/// </summary>
internal sealed class ResultFolder
{
    private readonly string _path;
    private readonly string _pattern;
    private readonly ILogger _logger;

    public ResultFolder(string path, string pattern, ILogger logger)
    {
        _path = path;
        _pattern = pattern;
        _logger = logger;
    }

    /// <summary>Why the folder cannot be watched, or null.</summary>
    public static string? Problem(string path) =>
        string.IsNullOrWhiteSpace(path) ? "watch_folder is empty"
        : !Directory.Exists(path) ? $"the watch folder '{path}' does not exist"
        : null;

    /// <summary>The names of the result files in the folder now.</summary>
    public IReadOnlyList<string> FileNames() =>
        Directory.EnumerateFiles(_path, _pattern).Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal).ToList();

    /// <summary>Reads the named files, skipping (and logging) those that are not valid results.</summary>
    public IEnumerable<InstrumentResult> Read(IEnumerable<string> names)
    {
        foreach (var name in names)
        {
            if (TryRead(name, out var result))
            {
                yield return result;
            }
        }
    }

    /// <summary>Every result, oldest measurement first.</summary>
    public IEnumerable<InstrumentResult> All() => Read(FileNames()).OrderBy(r => r.MeasuredAt).ThenBy(r => r.File, StringComparer.Ordinal);

    private bool TryRead(string name, out InstrumentResult result)
    {
        result = null!;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(_path, name)));
            var root = document.RootElement;
            result = new InstrumentResult(
                name,
                root.GetProperty("sample_id").GetString()!,
                root.GetProperty("analyte").GetString()!,
                root.GetProperty("value").GetDouble(),
                root.GetProperty("unit").GetString()!,
                DateTimeOffset.Parse(root.GetProperty("measured_at").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal));
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException or KeyNotFoundException
            or InvalidOperationException or FormatException)
        {
            // A file still being written, or not a result at all: leave it for a later look or a person.
            _logger.LogWarning("Skipped the result file {File}: {Error}", name, ex.Message);
            return false;
        }
    }
}
