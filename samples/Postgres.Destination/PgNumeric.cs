using System;

namespace Postgres;

/// <summary>Turns a decimal into PostgreSQL's numeric layout: base-10000 digits, the weight of the first, a sign and a display scale.</summary>
internal static class PgNumeric
{
    /// <summary>Writes the significant base-10000 digits (at most 10 for a decimal), most significant first; returns how many.</summary>
    public static int Encode(decimal value, Span<short> digits, out short weight, out bool negative, out short scale)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        negative = bits[3] < 0;
        scale = (short)((bits[3] >> 16) & 0xFF);
        var mantissa = ((UInt128)(uint)bits[2] << 64) | ((UInt128)(uint)bits[1] << 32) | (uint)bits[0];
        weight = 0;
        if (mantissa == 0)
        {
            negative = false;
            return 0;
        }
        // Align the fraction to whole base-10000 digits: scale 2 (12.34) becomes 1234_00 with 4 fraction places.
        var padding = (4 - scale % 4) % 4;
        for (var i = 0; i < padding; i++)
        {
            mantissa *= 10;
        }
        var fractionDigits = (scale + padding) / 4;
        Span<short> reversed = stackalloc short[12];
        var count = 0;
        while (mantissa != 0)
        {
            reversed[count++] = (short)(ulong)(mantissa % 10000);
            mantissa /= 10000;
        }
        // The least significant digits first: drop trailing zero digits, which the weight already implies.
        var low = 0;
        while (reversed[low] == 0)
        {
            low++;
        }
        weight = (short)(count - 1 - fractionDigits);
        var significant = count - low;
        for (var i = 0; i < significant; i++)
        {
            digits[i] = reversed[count - 1 - i];
        }
        return significant;
    }
}
