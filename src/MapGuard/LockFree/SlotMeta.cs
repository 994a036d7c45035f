using System.Runtime.CompilerServices;

namespace MapGuard.LockFree;

/// <summary>
/// The 64-bit word that heads every <see cref="LockFreeMap{TKey, TValue}"/> slot and is the only field ever CASed:
/// <c>[hash:32][version:28][busy:1][state:3]</c>. A slot's key never changes once published, so the hash bits never
/// change either; every write bumps the version, which is what lets a reader validate what it read.
/// </summary>
internal static class SlotMeta
{
    /// <summary>Never used. The whole word is zero; the first empty slot ends a probe chain.</summary>
    public const long Empty = 0;

    /// <summary>Holds its key and a current value.</summary>
    public const int Live = 1;

    /// <summary>Holds its key, removed. Re-adding the key revives this slot, so one key never owns two slots.</summary>
    public const int Dead = 2;

    /// <summary>Held a key that has been copied to the next table; look there.</summary>
    public const int Moved = 3;

    /// <summary>Was empty when a resize reached it: the probe chain ends here in this table; look in the next one.</summary>
    public const int Sealed = 4;

    public const long StateMask = 0b111;
    public const long Busy = 0b1000;
    public const long VersionOne = 1L << 4;
    public const long VersionMask = 0x0FFF_FFFFL << 4;
    public const long HashMask = unchecked((long)0xFFFF_FFFF_0000_0000UL);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int State(long meta) => (int)(meta & StateMask);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsBusy(long meta) => (meta & Busy) != 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Hash(long meta) => (uint)((ulong)meta >> 32);

    /// <summary>The word an inserter CASes into an empty slot: its hash, busy, live, version 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Claiming(uint hash) => ((long)hash << 32) | Busy | Live;

    /// <summary>The word that ends a write: same hash, next version, not busy, the given state.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Published(long meta, int state) => (meta & HashMask) | ((meta + VersionOne) & VersionMask) | (uint)state;
}
