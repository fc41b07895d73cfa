namespace Connectors.Generators.Helpers;

/// <summary>Combines hash codes (netstandard2.0 has no System.HashCode).</summary>
internal static class HashCode
{
    public static int Combine(int seed, int value)
    {
        unchecked
        {
            return (seed * -1521134295) + value;
        }
    }
}
