using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Connectors.Runtime.Logging;
using Connectors.Runtime.Secrets;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Connectors.Runtime.Tests.Units;

/// <summary>
/// What a structured log line holds for each kind of field value, how scopes nest, what a broken stderr does, and the
/// small pieces around the loggers (level names and switch, the sink provider, <see cref="ConnectorLogs"/>).
/// </summary>
public sealed class StructuredLogWriterTests
{
    private readonly StringWriter _output = new();
    private readonly SecretMasker _masker = new();

    [Fact]
    public void Integers_of_every_width_are_json_numbers()
    {
        var extra = Fields(("s", (short)-3), ("b", (byte)255), ("sb", (sbyte)-8), ("us", (ushort)65535), ("u", uint.MaxValue),
            ("i", -42), ("l", long.MinValue), ("ul", ulong.MaxValue));

        Assert.Equal("""{"context":"c","s":-3,"b":255,"sb":-8,"us":65535,"u":4294967295,"i":-42,"l":-9223372036854775808,"ul":18446744073709551615}""",
            Extra(extra));
    }

    [Fact]
    public void Decimals_keep_their_digits_and_finite_floating_point_values_are_numbers()
    {
        var extra = Fields(("m", 1.10m), ("d", 0.25), ("f", 1.5f), ("big", 1e300));

        Assert.Equal("""{"context":"c","m":1.10,"d":0.25,"f":1.5,"big":1E+300}""", Extra(extra));
    }

    [Fact]
    public void Values_json_has_no_number_for_are_invariant_text()
    {
        var extra = Fields(("nan", double.NaN), ("inf", double.PositiveInfinity), ("finf", float.NegativeInfinity),
            ("id", new Guid("0f8fad5b-d9cb-469f-a165-70867728950e")), ("span", TimeSpan.FromSeconds(90)));

        Assert.Equal("""{"context":"c","nan":"NaN","inf":"Infinity","finf":"-Infinity","id":"0f8fad5b-d9cb-469f-a165-70867728950e","span":"00:01:30"}""",
            Extra(extra));
    }

    [Fact]
    public void Null_booleans_and_times_have_their_json_forms()
    {
        var extra = Fields(("none", null), ("yes", true), ("no", false),
            ("at", new DateTimeOffset(2024, 5, 1, 10, 0, 0, TimeSpan.FromHours(2))), ("local", new DateTime(2024, 5, 1, 10, 0, 0, DateTimeKind.Unspecified)));

        Assert.Equal("""{"context":"c","none":null,"yes":true,"no":false,"at":"2024-05-01T10:00:00+02:00","local":"2024-05-01T10:00:00"}""", Extra(extra));
    }

    [Fact]
    public void Secrets_are_masked_in_strings_and_in_any_other_value_written_as_text()
    {
        _masker.Add(["hunter2"]);

        var extra = Fields(("text", "pw=hunter2"), ("other", new Shown("id hunter2")), ("number", 7));

        Assert.Equal("""{"context":"c","text":"pw=****","other":"id ****","number":7}""", Extra(extra));
    }

    [Fact]
    public void Each_entry_is_flushed_as_it_is_written()
    {
        var bytes = new MemoryStream();
        var output = new StreamWriter(bytes, new UTF8Encoding(false), bufferSize: 4096) { AutoFlush = false };

        new StructuredLogWriter(output, _masker).Write(LogLevel.Warning, "c", "low disk", [], null);

        Assert.Equal("""{"level":"warning","message":"low disk","extra":{"context":"c"}}""" + "\n", Encoding.UTF8.GetString(bytes.ToArray()));
    }

    [Fact]
    public void A_closed_or_broken_output_does_not_take_the_connector_down()
    {
        var closed = new StringWriter();
        closed.Dispose();

        new StructuredLogWriter(closed, _masker).Write(LogLevel.Error, "c", "lost", [], null);
        new StructuredLogWriter(new BrokenWriter(), _masker).Write(LogLevel.Error, "c", "lost", [], null);
    }

    [Fact]
    public async Task A_shipper_receives_the_same_line_with_the_entry_level_and_context()
    {
        var sink = new Collecting();
        await using var shipper = new LogShipper(1000, TimeSpan.FromHours(1));
        shipper.AddSink(sink);
        var writer = new StructuredLogWriter(_output, _masker) { Shipper = shipper };
        var before = DateTimeOffset.UtcNow;

        writer.Write(LogLevel.Error, "db", "gone", Fields(("n", 1)), null);
        await shipper.FlushAsync();

        var entry = Assert.Single(sink.Entries);
        Assert.Equal(LogLevel.Error, entry.Level);
        Assert.Equal("db", entry.Context);
        Assert.Equal(_output.ToString(), entry.Json + "\n");
        Assert.InRange(entry.Timestamp, before, DateTimeOffset.UtcNow);
    }

    [Fact]
    public void Nested_scopes_add_their_fields_outermost_first_the_inner_winning_until_it_closes()
    {
        var logger = new StructuredLoggerProvider(_output, new LogLevelSwitch(LogLevel.Information), _masker).CreateLogger("x");

        using (logger.BeginScope(new Dictionary<string, object?> { ["run"] = 1, ["stage"] = "outer" }))
        {
            using (logger.BeginScope("a scope that is not key/value pairs"))
            using (logger.BeginScope(new Dictionary<string, object?> { ["stage"] = "inner", ["file"] = "a.csv" }))
            {
                logger.LogInformation("one {file}", "b.csv");
            }
            logger.LogInformation("two");
        }
        logger.LogInformation("three");

        var extras = _output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("extra").GetRawText()).ToList();
        Assert.Equal(
            [
                """{"context":"x","run":1,"stage":"inner","file":"b.csv"}""",
                """{"context":"x","run":1,"stage":"outer"}""",
                """{"context":"x"}""",
            ],
            extras);
    }

    [Fact]
    public void Trace_is_written_as_debug_and_None_is_no_level_of_an_entry()
    {
        Assert.Equal("debug", LogLevelNames.ToJson(LogLevel.Trace));
        Assert.Throws<ArgumentOutOfRangeException>(() => LogLevelNames.ToJson(LogLevel.None));
        Assert.Equal(["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"], LogLevelNames.Settable);
        Assert.All(LogLevelNames.Settable, name => Assert.True(LogLevelNames.TryParse(name, out _)));
    }

    [Theory]
    [InlineData(LogLevel.Information, LogLevel.Debug, false)]
    [InlineData(LogLevel.Information, LogLevel.Information, true)]
    [InlineData(LogLevel.Information, LogLevel.Critical, true)]
    [InlineData(LogLevel.Trace, LogLevel.Trace, true)]
    [InlineData(LogLevel.Trace, LogLevel.None, false)]
    [InlineData(LogLevel.None, LogLevel.Critical, false)]
    public void The_switch_lets_through_entries_at_or_above_its_minimum(LogLevel minimum, LogLevel entry, bool enabled)
    {
        Assert.Equal(enabled, new LogLevelSwitch(minimum).IsEnabled(entry));
    }

    [Fact]
    public void A_sink_logger_writes_at_the_switch_level_with_its_category_and_one_logger_per_category()
    {
        var sink = new SinkEntries();
        var level = new LogLevelSwitch(LogLevel.Warning);
        using var provider = new SinkLoggerProvider(sink, level);
        var logger = provider.CreateLogger("files");
        var failure = new IOException("disk");

        logger.LogInformation("hidden");
        logger.LogWarning(failure, "Skipped {Name}", "a.csv");
        level.Minimum = LogLevel.Debug;
        logger.LogDebug("shown");

        Assert.Same(logger, provider.CreateLogger("files"));
        Assert.NotSame(logger, provider.CreateLogger("other"));
        Assert.Null(logger.BeginScope("scope"));
        Assert.Equal([(LogLevel.Warning, "files", "Skipped a.csv", failure), (LogLevel.Debug, "files", "shown", (Exception?)null)], sink.Entries);
    }

    [Fact]
    public async Task Connector_logs_set_the_hosts_level_and_ship_to_the_sinks_a_connector_adds()
    {
        var level = new LogLevelSwitch(LogLevel.Information);
        await using var shipper = new LogShipper(1000, TimeSpan.FromHours(1));
        var logs = new ConnectorLogs(level, shipper);
        var sink = new Collecting();

        logs.Level = LogLevel.Error;
        logs.ShipTo(sink);
        shipper.Enqueue(new LogEvent(DateTimeOffset.UnixEpoch, LogLevel.Error, "c", "{}"));
        await logs.FlushAsync();

        Assert.Equal(LogLevel.Error, level.Minimum);
        Assert.Equal(LogLevel.Error, logs.Level);
        Assert.Same(shipper, logs.Shipper);
        Assert.Single(sink.Entries);
    }

    private string Extra(IReadOnlyList<KeyValuePair<string, object?>> extra)
    {
        new StructuredLogWriter(_output, _masker).Write(LogLevel.Information, "c", "m", extra, null);
        var line = _output.ToString();
        Assert.EndsWith("\n", line);
        return JsonDocument.Parse(line).RootElement.GetProperty("extra").GetRawText();
    }

    private static List<KeyValuePair<string, object?>> Fields(params (string Key, object? Value)[] fields) =>
        fields.Select(f => new KeyValuePair<string, object?>(f.Key, f.Value)).ToList();

    private sealed class Shown(string text)
    {
        public override string ToString() => text;
    }

    private sealed class BrokenWriter : TextWriter
    {
        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(string? value) => throw new IOException("Broken pipe");
    }

    private sealed class Collecting : ILogShippingSink
    {
        public List<LogEvent> Entries { get; } = new();

        public ValueTask ShipAsync(IReadOnlyList<LogEvent> batch, CancellationToken cancellationToken)
        {
            lock (Entries)
            {
                Entries.AddRange(batch);
            }
            return ValueTask.CompletedTask;
        }
    }

    private sealed class SinkEntries : ILogSink
    {
        public List<(LogLevel, string, string, Exception?)> Entries { get; } = new();

        public void Write(LogLevel level, string category, string message, Exception? exception) => Entries.Add((level, category, message, exception));
    }
}
