using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Connectors.Testing.Session;
using Connectors.Testing.Validation;

namespace Connectors.Testing;

/// <summary>
/// Reading back what a destination stored, for <see cref="DestinationAcceptanceTests{TConnector}.ReadBackAsync"/>: a
/// row is column (or field) name → value, as the store returns it. The kit compares a row with the record that was sent
/// leniently where stores differ: numbers by value, booleans also as 0/1, date-times by instant (text or DateTime),
/// objects and arrays also as JSON text.
/// </summary>
public static class StoredRows
{
    /// <summary>Every row a command returns (SELECT * FROM …), with SQL NULL as null.</summary>
    public static async Task<IReadOnlyList<IReadOnlyDictionary<string, object?>>> ReadAsync(DbCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var rows = new List<IReadOnlyDictionary<string, object?>>();
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        while (await reader.ReadAsync().ConfigureAwait(false))
        {
            var row = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (var i = 0; i < reader.FieldCount; i++)
            {
                row[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>
    /// Every line of a JSON-lines file as a row of its top-level fields; empty when the file does not exist. A last line
    /// without its newline is still being written, and is left out.
    /// </summary>
    public static IReadOnlyList<IReadOnlyDictionary<string, object?>> FromJsonLines(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }
        string text;
        using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        using (var reader = new StreamReader(file))
        {
            text = reader.ReadToEnd();
        }
        return text[..(text.LastIndexOf('\n') + 1)].Split('\n')
            .Where(line => line.Length > 0)
            .Select(line => (IReadOnlyDictionary<string, object?>)JsonDocument.Parse(line).RootElement.EnumerateObject()
                .ToDictionary(p => p.Name, p => (object?)p.Value.Clone(), StringComparer.Ordinal))
            .ToList();
    }

    /// <summary>True when a stored value is the JSON value that was sent.</summary>
    internal static bool Same(JsonElement expected, object? actual)
    {
        if (actual is JsonElement element)
        {
            return expected.ValueKind == JsonValueKind.String && element.ValueKind == JsonValueKind.String
                ? SameText(expected.GetString()!, element.GetString()!)
                : Values.Canonical(expected) == Values.Canonical(element);
        }
        return expected.ValueKind switch
        {
            JsonValueKind.Null or JsonValueKind.Undefined => actual is null or DBNull,
            JsonValueKind.True or JsonValueKind.False => actual switch
            {
                bool b => b == expected.GetBoolean(),
                long or int or short or byte or decimal => Convert.ToInt64(actual, CultureInfo.InvariantCulture) == (expected.GetBoolean() ? 1 : 0),
                string text => text.Equals(expected.GetBoolean() ? "true" : "false", StringComparison.OrdinalIgnoreCase),
                _ => false,
            },
            JsonValueKind.Number => actual switch
            {
                decimal d => expected.TryGetDecimal(out var e) && d == e,
                long or int or short or byte => expected.TryGetInt64(out var whole) && Convert.ToInt64(actual, CultureInfo.InvariantCulture) == whole,
                double or float => Convert.ToDouble(actual, CultureInfo.InvariantCulture) == expected.GetDouble(),
                string text => decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) && expected.TryGetDecimal(out var e2) && parsed == e2,
                _ => false,
            },
            JsonValueKind.String => actual switch
            {
                string text => SameText(expected.GetString()!, text),
                DateTime time when RecordSchemas.IsDateTime(expected.GetString()!) =>
                    DateTimeOffset.Parse(expected.GetString()!, CultureInfo.InvariantCulture).UtcDateTime == DateTime.SpecifyKind(time, DateTimeKind.Utc),
                // A date column read as a DateTime at midnight.
                DateTime time => DateOnly.TryParseExact(expected.GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
                    && time.TimeOfDay == TimeSpan.Zero && DateOnly.FromDateTime(time) == day,
                DateTimeOffset offset => RecordSchemas.IsDateTime(expected.GetString()!)
                    && DateTimeOffset.Parse(expected.GetString()!, CultureInfo.InvariantCulture) == offset,
                DateOnly date => DateOnly.TryParse(expected.GetString()!, CultureInfo.InvariantCulture, out var d) && d == date,
                Guid guid => Guid.TryParse(expected.GetString()!, out var g) && g == guid,
                _ => false,
            },
            _ => actual is string json && TryCanonical(json) == Values.Canonical(expected),
        };
    }

    /// <summary>A stored value for a failure message.</summary>
    internal static string Show(object? value) => value switch
    {
        null or DBNull => "NULL",
        JsonElement element => element.GetRawText(),
        DateTime time => time.ToString("O", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static bool SameText(string expected, string actual) =>
        expected == actual
        || (RecordSchemas.IsDateTime(expected) && DateTimeOffset.TryParse(actual, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var stored)
            && DateTimeOffset.Parse(expected, CultureInfo.InvariantCulture) == stored);

    private static string? TryCanonical(string json)
    {
        try
        {
            return Values.Canonical(JsonDocument.Parse(json).RootElement);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
