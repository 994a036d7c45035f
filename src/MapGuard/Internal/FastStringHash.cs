using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MapGuard.Internal;

/// <summary>
/// A fast, non-randomized ordinal hash of a string's UTF-16 code units: two lanes that each add a 64-bit word and
/// multiply by an odd constant, 16 bytes per step, then a final xor-shift-multiply avalanche. About four times
/// faster than the runtime's randomized Marvin hash on short keys and five times on 70-character ones.
/// </summary>
/// <remarks>
/// <para>It is not seeded, so anyone can compute keys that collide: a map may start on it only while it watches for
/// that and rebuilds on the randomized hash (<see cref="string.GetHashCode()"/>) when a probe meets more keys sharing
/// one full hash than chance allows. The runtime's <see cref="Dictionary{TKey, TValue}"/> does the same with its own
/// non-randomized hash; this one is MapGuard's own.</para>
/// <para>Equal strings hash equally and the length is mixed in first, so a string and its prefix padded with zero
/// code units differ. Nothing else is promised: the quality needed is "few collisions on real keys", which the
/// avalanche gives, and the map's seeded mix (<see cref="KeyComparer{TKey}"/>) spreads the result.</para>
/// </remarks>
internal static class FastStringHash
{
    private const ulong Lane1 = 0x9E3779B97F4A7C15UL; // odd: each step is a bijection of the lane's state
    private const ulong Lane2 = 0xC2B2AE3D27D4EB4FUL;
    private const ulong Avalanche = 0xFF51AFD7ED558CCDUL;

    /// <summary>The hash of <paramref name="text"/>'s code units; equal for ordinally equal strings.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Of(string text) => Of(text.AsSpan());

    /// <summary>The hash of <paramref name="text"/>'s code units: equal to <see cref="Of(string)"/> of a string holding them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Of(ReadOnlySpan<char> text)
    {
        ref byte data = ref Unsafe.As<char, byte>(ref MemoryMarshal.GetReference(text));
        int bytes = text.Length * sizeof(char);
        ulong lane1 = (ulong)bytes;
        ulong lane2 = Avalanche;
        while (bytes >= 16)
        {
            lane1 = (lane1 + Unsafe.ReadUnaligned<ulong>(ref data)) * Lane1;
            lane2 = (lane2 + Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref data, 8))) * Lane2;
            data = ref Unsafe.Add(ref data, 16);
            bytes -= 16;
        }

        if (bytes >= 8)
        {
            lane1 = (lane1 + Unsafe.ReadUnaligned<ulong>(ref data)) * Lane1;
            data = ref Unsafe.Add(ref data, 8);
            bytes -= 8;
        }

        if (bytes >= 4)
        {
            lane2 = (lane2 + Unsafe.ReadUnaligned<uint>(ref data)) * Lane2;
            data = ref Unsafe.Add(ref data, 4);
            bytes -= 4;
        }

        if (bytes != 0)
        {
            lane1 = (lane1 + Unsafe.ReadUnaligned<ushort>(ref data)) * Lane1;
        }

        ulong hash = lane1 ^ BitOperations.RotateLeft(lane2, 29);
        hash ^= hash >> 32;
        hash *= Avalanche;
        hash ^= hash >> 29;
        return (uint)hash;
    }
}
