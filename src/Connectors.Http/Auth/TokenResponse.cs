using System;
using System.Globalization;
using System.Text.Json;

namespace Connectors.Http;

/// <summary>An OAuth 2.0 token response (RFC 6749 §5.1), read without reflection.</summary>
internal readonly record struct TokenResponse(string AccessToken, TimeSpan? ExpiresIn, string? RefreshToken)
{
    public static TokenResponse Read(HttpResponsePage page)
    {
        string? accessToken = null;
        string? refreshToken = null;
        TimeSpan? expiresIn = null;
        try
        {
            var reader = new Utf8JsonReader(page.Body.Span);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw new JsonException("expected an object");
            }
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                reader.Read();
                switch (name)
                {
                    case "access_token" when reader.TokenType == JsonTokenType.String:
                        accessToken = reader.GetString();
                        break;
                    case "refresh_token" when reader.TokenType == JsonTokenType.String:
                        refreshToken = reader.GetString();
                        break;
                    case "expires_in" when reader.TokenType == JsonTokenType.Number:
                        expiresIn = TimeSpan.FromSeconds(reader.GetDouble());
                        break;
                    case "expires_in" when reader.TokenType == JsonTokenType.String
                        && double.TryParse(reader.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds):
                        expiresIn = TimeSpan.FromSeconds(seconds);
                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }
        }
        catch (JsonException ex)
        {
            throw new HttpResponseFormatException($"The token endpoint {page.Describe()} returned a body that is not a token response: {ex.Message}", ex);
        }
        if (string.IsNullOrEmpty(accessToken))
        {
            throw new ConfigException($"The token endpoint {page.Describe()} returned no access_token.");
        }
        return new TokenResponse(accessToken, expiresIn, refreshToken);
    }
}
