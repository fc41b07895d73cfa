using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Google.Protobuf;
using ConduitWire.Opencdc.V1;

namespace Connectors.Runtime.Conduit.Tests.Driver;

/// <summary>The Faker sample's config as a Conduit pipeline writes it, and how its records are told apart.</summary>
internal static class Faker
{
    /// <summary>A deterministic config: the same records in every run, so resumed reads can be compared with a whole one.</summary>
    public static Dictionary<string, string> Config(int count = 150, int slice = 20, params (string Key, string Value)[] extra)
    {
        var config = new Dictionary<string, string>
        {
            ["count"] = count.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["seed"] = "7",
            ["always_updated"] = "false",
            ["records_per_slice"] = slice.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        foreach (var (key, value) in extra)
        {
            config[key] = value;
        }
        return config;
    }

    /// <summary>The record's stream and id: <c>users/17</c>.</summary>
    public static string Identity(Record record) => record.Metadata["opencdc.collection"] + "/" + Id(record);

    public static long Id(Record record) => record.Payload.After.DataCase == Data.DataOneofCase.StructuredData
        ? (long)record.Payload.After.StructuredData.Fields["id"].NumberValue
        : JsonDocument.Parse(record.Payload.After.RawData.Memory).RootElement.GetProperty("id").GetInt64();

    public static string Text(ByteString position) => position.ToStringUtf8();

    public static IEnumerable<string> Identities(IEnumerable<Record> records) => records.Select(Identity);
}
