using System;

namespace Faker;

/// <summary>A fake person.</summary>
public sealed record User(
    long Id,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string Name,
    string Title,
    int Age,
    string Email,
    string Telephone,
    string Gender,
    string Language,
    string AcademicDegree,
    string Nationality,
    string Occupation,
    string Height,
    string BloodType,
    int Weight,
    Address Address);

/// <summary>Where a user lives.</summary>
public sealed record Address(
    string StreetNumber,
    string StreetName,
    string City,
    string State,
    string Province,
    string PostalCode,
    string CountryCode);

/// <summary>A car for sale.</summary>
public sealed record Product(
    long Id,
    string Make,
    string Model,
    int Year,
    decimal Price,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary>A user's purchase of a product; it may still be in the cart, or have been returned.</summary>
public sealed record Purchase(
    long Id,
    long UserId,
    long ProductId,
    DateTimeOffset? AddedToCartAt,
    DateTimeOffset? PurchasedAt,
    DateTimeOffset? ReturnedAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
