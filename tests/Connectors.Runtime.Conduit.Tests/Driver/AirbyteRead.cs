using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;

namespace Connectors.Runtime.Conduit.Tests.Driver;

/// <summary>The same executable run as the Airbyte CLI (<c>read</c>), for comparing what the two protocols deliver.</summary>
internal static class AirbyteRead
{
    /// <summary>Every RECORD's stream and data (as written), in order.</summary>
    public static async Task<List<(string Stream, string Data)>> RecordsAsync(string executable, IReadOnlyDictionary<string, string> conduitConfig)
    {
        var directory = Directory.CreateTempSubdirectory("conduit-airbyte-").FullName;
        try
        {
            var config = Path.Combine(directory, "config.json");
            // The Conduit map's values, typed as the Faker spec declares them.
            var json = new Dictionary<string, object>
            {
                ["count"] = int.Parse(conduitConfig["count"]),
                ["seed"] = int.Parse(conduitConfig["seed"]),
                ["always_updated"] = bool.Parse(conduitConfig["always_updated"]),
                ["records_per_slice"] = int.Parse(conduitConfig["records_per_slice"]),
            };
            await File.WriteAllTextAsync(config, JsonSerializer.Serialize(json));
            var info = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            info.Environment.Clear();
            foreach (var arg in new[] { "read", "--config", config, "--catalog", Path.Combine(Path.GetDirectoryName(executable)!, "catalog.incremental.json") })
            {
                info.ArgumentList.Add(arg);
            }
            using var process = Process.Start(info)!;
            var stderr = process.StandardError.ReadToEndAsync();
            var records = new List<(string, string)>();
            while (await process.StandardOutput.ReadLineAsync() is { } line)
            {
                using var message = JsonDocument.Parse(line);
                if (message.RootElement.GetProperty("type").GetString() == "RECORD")
                {
                    var record = message.RootElement.GetProperty("record");
                    records.Add((record.GetProperty("stream").GetString()!, record.GetProperty("data").GetRawText()));
                }
            }
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"read exited with {process.ExitCode}: {await stderr}");
            }
            return records;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
