using System.Numerics;
using System.Runtime.CompilerServices;

namespace MapGuard.Internal;

/// <summary>Hash spreading and table sizing shared by every map.</summary>
internal static class HashHelpers
{
    /// <summary>
    /// Fibonacci hashing (Knuth, TAOCP 6.4): the hash times 2^64/phi. The top bits of the product depend on every bit
    /// of the hash, so a table indexes with the product's top bits (<see cref="TopBits"/>). Consecutive hash codes,
    /// such as sequential integer keys, land almost evenly spaced (the three-distance theorem), so they rarely
    /// collide, and keys that differ only in high bits still spread.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Spread(uint hash) => hash * 0x9E3779B97F4A7C15UL;

    /// <summary>The top <c>64 - shift</c> bits of <paramref name="spread"/>; <paramref name="shift"/> is 1 to 63.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int TopBits(ulong spread, int shift) => (int)(spread >> shift);

    /// <summary>The shift that makes <see cref="TopBits"/> index a table of <paramref name="length"/> (a power of two, at least 2).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int ShiftFor(int length) => 64 - BitOperations.Log2((uint)length);

    /// <summary>
    /// The shift that makes <c>hash &gt;&gt; shift</c> index a table of <paramref name="length"/> slots (a power of two,
    /// 2 to 2^30) by the top bits of a 32-bit hash. KeyComparer's hashes are the top half of a seeded multiply
    /// (multiply-shift), whose top bits are the ones the scheme proves universal, so tables index by them directly.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int HashShiftFor(int length) => 32 - BitOperations.Log2((uint)length);

    /// <summary>
    /// Slots a probe of a table that places integer keys by their own low bits (<see cref="KeyComparer{TKey}.PlacesByIdentity"/>)
    /// may pass before the map moves to the seeded hash: sequential IDs pass none, random integers reach it only in a
    /// large, nearly full table (where the switch costs one copy), and keys chosen to share low bits within a few
    /// dozen inserts or lookups.
    /// </summary>
    public const int IdentityProbeBound = 32;

    /// <summary>The smallest power of two that is at least <paramref name="value"/> (and at least 1).</summary>
    public static int RoundUpToPowerOf2(int value) =>
        value <= 1 ? 1 : (int)BitOperations.RoundUpToPowerOf2((uint)value);
}
