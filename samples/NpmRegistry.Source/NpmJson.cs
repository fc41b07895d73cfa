using System;
using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace NpmRegistry;

/// <summary>One hit of <c>GET /-/v1/search</c>: the <c>package</c> object of each entry of <c>objects</c>.</summary>
public sealed class SearchPackage
{
    public string Name { get; set; } = "";

    public string? Description { get; set; }

    [JsonPropertyName("dist-tags")]
    public Dictionary<string, string>? DistTags { get; set; }

    public List<string>? Keywords { get; set; }

    public Dictionary<string, DateTimeOffset>? Time { get; set; }
}

/// <summary>A package document (<c>GET /{name}</c>): every version's manifest and publish time.</summary>
public sealed class Packument
{
    public string Name { get; set; } = "";

    public Dictionary<string, VersionManifest> Versions { get; set; } = new();

    /// <summary>"created", "modified", and one entry per version: when it was published.</summary>
    public Dictionary<string, DateTimeOffset> Time { get; set; } = new();

    [JsonPropertyName("dist-tags")]
    public Dictionary<string, string>? DistTags { get; set; }
}

/// <summary>One version's manifest inside a package document.</summary>
public sealed class VersionManifest
{
    public string Version { get; set; } = "";

    public string? Description { get; set; }

    public string? License { get; set; }

    public Dictionary<string, string>? Dependencies { get; set; }

    public Dist? Dist { get; set; }
}

/// <summary>Where a version's tarball is and its checksums.</summary>
public sealed class Dist
{
    public string? Tarball { get; set; }

    public string? Shasum { get; set; }

    public string? Integrity { get; set; }
}

/// <summary><c>GET /-/npm/v1/user</c>: the profile of the token's user.</summary>
public sealed class Profile
{
    public string Name { get; set; } = "";

    public string? Email { get; set; }

    public string? Fullname { get; set; }

    public bool Tfa { get; set; }
}

/// <summary><c>GET /-/whoami</c>.</summary>
public sealed class WhoAmI
{
    public string? Username { get; set; }
}

/// <summary>The body of a login (<c>PUT /-/user/org.couchdb.user:{name}</c>).</summary>
public sealed record Login(string Name, string Password);

/// <summary>System.Text.Json metadata for every API type, generated at build time: no reflection when reading responses.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(SearchPackage))]
[JsonSerializable(typeof(Packument))]
[JsonSerializable(typeof(Profile))]
[JsonSerializable(typeof(WhoAmI))]
[JsonSerializable(typeof(Login))]
public sealed partial class NpmJson : JsonSerializerContext;
