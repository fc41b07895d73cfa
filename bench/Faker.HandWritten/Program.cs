using System;
using System.Buffers;
using System.IO;
using System.Text.Encodings.Web;
using System.Text.Json;
using Faker;

namespace Faker.HandWritten;

/// <summary>
/// Writes the RECORD lines of the sample's <c>users</c> stream the way one would by hand: property names encoded once,
/// one Utf8JsonWriter into one reusable buffer, a newline after each message, emitted_at read per record, and the buffer
/// written to stdout in 64 KiB chunks. No STATE, LOG or TRACE lines: this is the floor the SDK is measured against.
/// </summary>
/// <remarks>Usage: <c>faker-handwritten --config config.json</c> (the sample's config: count, seed, always_updated).</remarks>
internal static class Program
{
    private const int ChunkSize = 64 * 1024;

    private static readonly JsonEncodedText Type = JsonEncodedText.Encode("type");
    private static readonly JsonEncodedText Record = JsonEncodedText.Encode("RECORD");
    private static readonly JsonEncodedText RecordObject = JsonEncodedText.Encode("record");
    private static readonly JsonEncodedText Stream = JsonEncodedText.Encode("stream");
    private static readonly JsonEncodedText Users = JsonEncodedText.Encode("users");
    private static readonly JsonEncodedText Data = JsonEncodedText.Encode("data");
    private static readonly JsonEncodedText EmittedAt = JsonEncodedText.Encode("emitted_at");

    private static readonly JsonEncodedText Id = JsonEncodedText.Encode("id");
    private static readonly JsonEncodedText CreatedAt = JsonEncodedText.Encode("created_at");
    private static readonly JsonEncodedText UpdatedAt = JsonEncodedText.Encode("updated_at");
    private static readonly JsonEncodedText Name = JsonEncodedText.Encode("name");
    private static readonly JsonEncodedText Title = JsonEncodedText.Encode("title");
    private static readonly JsonEncodedText Age = JsonEncodedText.Encode("age");
    private static readonly JsonEncodedText Email = JsonEncodedText.Encode("email");
    private static readonly JsonEncodedText Telephone = JsonEncodedText.Encode("telephone");
    private static readonly JsonEncodedText Gender = JsonEncodedText.Encode("gender");
    private static readonly JsonEncodedText Language = JsonEncodedText.Encode("language");
    private static readonly JsonEncodedText AcademicDegree = JsonEncodedText.Encode("academic_degree");
    private static readonly JsonEncodedText Nationality = JsonEncodedText.Encode("nationality");
    private static readonly JsonEncodedText Occupation = JsonEncodedText.Encode("occupation");
    private static readonly JsonEncodedText Height = JsonEncodedText.Encode("height");
    private static readonly JsonEncodedText BloodType = JsonEncodedText.Encode("blood_type");
    private static readonly JsonEncodedText Weight = JsonEncodedText.Encode("weight");
    private static readonly JsonEncodedText Address = JsonEncodedText.Encode("address");
    private static readonly JsonEncodedText StreetNumber = JsonEncodedText.Encode("street_number");
    private static readonly JsonEncodedText StreetName = JsonEncodedText.Encode("street_name");
    private static readonly JsonEncodedText City = JsonEncodedText.Encode("city");
    private static readonly JsonEncodedText State = JsonEncodedText.Encode("state");
    private static readonly JsonEncodedText Province = JsonEncodedText.Encode("province");
    private static readonly JsonEncodedText PostalCode = JsonEncodedText.Encode("postal_code");
    private static readonly JsonEncodedText CountryCode = JsonEncodedText.Encode("country_code");

    public static int Main(string[] args)
    {
        if (args.Length != 2 || args[0] != "--config")
        {
            Console.Error.WriteLine("usage: faker-handwritten --config <config.json>");
            return 2;
        }
        var (count, seed, alwaysUpdated) = ReadConfig(args[1]);
        var data = new FakeData(seed, alwaysUpdated ? DateTimeOffset.UtcNow : null);

        using var stdout = Console.OpenStandardOutput();
        var buffer = new ArrayBufferWriter<byte>(2 * ChunkSize);
        using var json = new Utf8JsonWriter(buffer, new JsonWriterOptions
        {
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            SkipValidation = true,
        });
        for (long id = 1; id <= count; id++)
        {
            var user = data.User(id);
            json.WriteStartObject();
            json.WriteString(Type, Record);
            json.WriteStartObject(RecordObject);
            json.WriteString(Stream, Users);
            json.WritePropertyName(Data);
            WriteUser(json, user);
            json.WriteNumber(EmittedAt, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            json.WriteEndObject();
            json.WriteEndObject();
            json.Flush();
            json.Reset();
            buffer.GetSpan(1)[0] = (byte)'\n';
            buffer.Advance(1);
            if (buffer.WrittenCount >= ChunkSize)
            {
                stdout.Write(buffer.WrittenSpan);
                buffer.ResetWrittenCount();
            }
        }
        stdout.Write(buffer.WrittenSpan);
        return 0;
    }

    private static void WriteUser(Utf8JsonWriter json, User user)
    {
        json.WriteStartObject();
        json.WriteNumber(Id, user.Id);
        json.WriteString(CreatedAt, user.CreatedAt);
        json.WriteString(UpdatedAt, user.UpdatedAt);
        json.WriteString(Name, user.Name);
        json.WriteString(Title, user.Title);
        json.WriteNumber(Age, user.Age);
        json.WriteString(Email, user.Email);
        json.WriteString(Telephone, user.Telephone);
        json.WriteString(Gender, user.Gender);
        json.WriteString(Language, user.Language);
        json.WriteString(AcademicDegree, user.AcademicDegree);
        json.WriteString(Nationality, user.Nationality);
        json.WriteString(Occupation, user.Occupation);
        json.WriteString(Height, user.Height);
        json.WriteString(BloodType, user.BloodType);
        json.WriteNumber(Weight, user.Weight);
        json.WriteStartObject(Address);
        var address = user.Address;
        json.WriteString(StreetNumber, address.StreetNumber);
        json.WriteString(StreetName, address.StreetName);
        json.WriteString(City, address.City);
        json.WriteString(State, address.State);
        json.WriteString(Province, address.Province);
        json.WriteString(PostalCode, address.PostalCode);
        json.WriteString(CountryCode, address.CountryCode);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static (long Count, int Seed, bool AlwaysUpdated) ReadConfig(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        var root = document.RootElement;
        return (
            root.TryGetProperty("count", out var count) ? count.GetInt64() : 1000,
            root.TryGetProperty("seed", out var seed) ? seed.GetInt32() : 0,
            !root.TryGetProperty("always_updated", out var always) || always.GetBoolean());
    }
}
