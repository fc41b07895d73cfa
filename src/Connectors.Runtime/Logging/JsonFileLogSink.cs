using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Connectors.Runtime.Logging;

/// <summary>
/// Ships logs to a JSON-lines file, appending: each line is the structured log line with a leading
/// <c>"timestamp"</c>, <c>{"timestamp":"…","level":…,"message":…,"extra":{…}}</c>.
/// </summary>
public sealed class JsonFileLogSink : ILogShippingSink
{
    private readonly string _path;

    /// <summary>Appends to <paramref name="path"/> (its folder is created).</summary>
    public JsonFileLogSink(string path) => _path = Path.GetFullPath(path);

    /// <inheritdoc />
    public async ValueTask ShipAsync(IReadOnlyList<LogEvent> batch, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        var text = new StringBuilder();
        foreach (var entry in batch)
        {
            text.Append("{\"timestamp\":\"").Append(entry.Timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture))
                .Append("\",").Append(entry.Json, 1, entry.Json.Length - 1).Append('\n');
        }
        await using var file = new FileStream(_path, FileMode.Append, FileAccess.Write, FileShare.Read, 4096, useAsync: true);
        await file.WriteAsync(Encoding.UTF8.GetBytes(text.ToString()), cancellationToken).ConfigureAwait(false);
        await file.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
