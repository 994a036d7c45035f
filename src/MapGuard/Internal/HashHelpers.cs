using System.Numerics;
using System.Runtime.CompilerServices;

namespace MapGuard.Internal;

/// <summary>Hash mixing and table sizing shared by every map.</summary>
internal static class HashHelpers
{
    /// <summary>
    /// Spreads a user hash code so that every bit depends on every input bit (MurmurHash3's 32-bit finalizer).
    /// Sequential integer keys, whose default hash codes differ only in low bits, then land evenly on shards
    /// (chosen by high bits) and on buckets (chosen by low bits).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Mix(int hashCode)
    {
        uint h = (uint)hashCode;
        h ^= h >> 16;
        h *= 0x85EBCA6B;
        h ^= h >> 13;
        h *= 0xC2B2AE35;
        h ^= h >> 16;
        return h;
    }

    /// <summary>The smallest power of two that is at least <paramref name="value"/> (and at least 1).</summary>
    public static int RoundUpToPowerOf2(int value) =>
        value <= 1 ? 1 : (int)BitOperations.RoundUpToPowerOf2((uint)value);
}
