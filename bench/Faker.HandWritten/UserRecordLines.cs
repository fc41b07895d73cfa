using System;
using System.Buffers;
using System.IO;
using System.Text.Encodings.Web;
using System.Text.Json;
using Faker;

namespace Faker.HandWritten;

/// <summary>
/// The RECORD lines of the <c>users</c> stream, written the way one would by hand: property names encoded once, one
/// Utf8JsonWriter into one reusable buffer, a newline after each message, and the buffer written to the output in
/// 64 KiB chunks. Shared by the hand-written program and the in-process benchmarks.
/// </summary>
internal sealed class UserRecordLines
{
    private const int ChunkSize = 64 * 1024;

    private static readonly JsonEncodedText Type = JsonEncodedText.Encode("type");
    private static readonly JsonEncodedText Record = JsonEncodedText.Encode("RECORD");
    private static readonly JsonEncodedText RecordObject = JsonEncodedText.Encode("record");
    private static readonly JsonEncodedText StreamProperty = JsonEncodedText.Encode("stream");
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

    private readonly Stream _output;
    private readonly ArrayBufferWriter<byte> _buffer = new(2 * ChunkSize);
    private readonly Utf8JsonWriter _json;

    public UserRecordLines(Stream output)
    {
        _output = output;
        _json = new Utf8JsonWriter(_buffer, new JsonWriterOptions
        {
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            SkipValidation = true,
        });
    }

    /// <summary>Writes one RECORD message and its newline.</summary>
    public void Write(User user, long emittedAt)
    {
        var json = _json;
        json.WriteStartObject();
        json.WriteString(Type, Record);
        json.WriteStartObject(RecordObject);
        json.WriteString(StreamProperty, Users);
        json.WritePropertyName(Data);
        WriteUser(json, user);
        json.WriteNumber(EmittedAt, emittedAt);
        json.WriteEndObject();
        json.WriteEndObject();
        json.Flush();
        json.Reset();
        _buffer.GetSpan(1)[0] = (byte)'\n';
        _buffer.Advance(1);
        if (_buffer.WrittenCount >= ChunkSize)
        {
            Flush();
        }
    }

    /// <summary>Writes what is buffered to the output.</summary>
    public void Flush()
    {
        _output.Write(_buffer.WrittenSpan);
        _buffer.ResetWrittenCount();
    }

    private static void WriteUser(Utf8JsonWriter json, User user)
    {
        json.WriteStartObject();
        json.WriteNumber(Id, user.Id);
        json.WriteString(CreatedAt, Microseconds(user.CreatedAt));
        json.WriteString(UpdatedAt, Microseconds(user.UpdatedAt));
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

    // As the SDK writes timestamps: at most six fractional digits.
    private static DateTimeOffset Microseconds(DateTimeOffset value) => value.AddTicks(-(value.Ticks % 10));
}
