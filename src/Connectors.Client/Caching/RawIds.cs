using System;

namespace Connectors.Client.Caching;

/// <summary>
/// The <c>_airbyte_raw_id</c> of each row: a random (version 4) UUID from <see cref="Random.Shared"/>. Row ids need to be
/// unique, not unguessable, and <see cref="Guid.NewGuid"/> (cryptographic randomness) was a sixth of the record path.
/// </summary>
internal static class RawIds
{
    public static Guid Next()
    {
        Span<byte> bytes = stackalloc byte[16];
        Random.Shared.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40); // version 4 (Guid stores its third group little-endian)
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(bytes);
    }
}
