using System;
using System.Collections.Generic;
using System.Linq;

namespace NpmRegistry;

/// <summary>A package of the registry, as its search endpoint lists it.</summary>
public sealed record Package(string Name, string? Description, string? LatestVersion, IReadOnlyList<string> Keywords, DateTimeOffset? ModifiedAt)
{
    public static Package From(SearchPackage hit) => new(
        hit.Name,
        hit.Description,
        hit.DistTags?.GetValueOrDefault("latest"),
        hit.Keywords ?? [],
        hit.Time is { } time && time.TryGetValue("modified", out var modified) ? modified : null);
}

/// <summary>One published version of a package.</summary>
public sealed record PackageVersion(
    string Package,
    string Version,
    DateTimeOffset PublishedAt,
    string? Description,
    string? License,
    int DependencyCount,
    bool IsLatest,
    string? Tarball,
    string? Integrity)
{
    /// <summary>The versions of a package document, oldest first.</summary>
    public static IEnumerable<PackageVersion> From(Packument document) =>
        document.Versions.Values
            .Where(v => document.Time.ContainsKey(v.Version))
            .Select(v => new PackageVersion(
                document.Name,
                v.Version,
                document.Time[v.Version],
                v.Description,
                v.License,
                v.Dependencies?.Count ?? 0,
                document.DistTags?.GetValueOrDefault("latest") == v.Version,
                v.Dist?.Tarball,
                v.Dist?.Integrity))
            .OrderBy(v => v.PublishedAt);
}

/// <summary>The user the credentials belong to.</summary>
public sealed record RegistryUser(string Name, string? Email, string? FullName, bool TwoFactorAuth);
