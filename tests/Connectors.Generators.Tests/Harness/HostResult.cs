using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Xunit;

namespace Connectors.Generators.Tests.Harness;

/// <summary>What a connector command wrote: its exit code, protocol messages (stdout) and human-readable text (stderr).</summary>
internal sealed record HostResult(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Every stdout line, parsed: each must be one JSON message.</summary>
    public IReadOnlyList<JsonElement> Messages => Stdout
        .Split('\n', StringSplitOptions.RemoveEmptyEntries)
        .Select(line => JsonDocument.Parse(line).RootElement.Clone())
        .ToList();

    /// <summary>The messages of one Airbyte type (SPEC, CATALOG, RECORD, STATE, LOG, TRACE, CONNECTION_STATUS).</summary>
    public IReadOnlyList<JsonElement> OfType(string type) =>
        Messages.Where(m => m.GetProperty("type").GetString() == type).ToList();

    /// <summary>The one message of a type.</summary>
    public JsonElement Single(string type) => Assert.Single(OfType(type));

    /// <summary>The data of every record of a stream, in order.</summary>
    public IReadOnlyList<JsonElement> Records(string stream) => OfType("RECORD")
        .Select(m => m.GetProperty("record"))
        .Where(r => r.GetProperty("stream").GetString() == stream)
        .Select(r => r.GetProperty("data"))
        .ToList();

    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
}
