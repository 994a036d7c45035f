using System.Runtime.CompilerServices;

namespace MapGuard.LockFree;

/// <summary>
/// The 64-bit word that heads every <see cref="LockFreeMap{TKey, TValue}"/> slot and is the only field ever CASed:
/// <c>[hash:32][version:28][busy:1][state:3]</c>. A slot's key never changes once published, so the hash bits never
/// change either; every write bumps the version, which is what lets a reader validate what it read.
/// </summary>
/// <remarks>
/// INVARIANT: the version never wraps within one slot. A slot whose version is all ones (<see cref="IsLastVersion"/>)
/// takes no more writes in its table; the next writer resizes the table, and the move to <see cref="Moved"/> (a
/// terminal state) is the slot's last change. So no non-busy word ever comes back, and a stalled reader's validation
/// or a stalled writer's CAS cannot match a later state of the slot (no ABA).
/// </remarks>
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

    /// <summary>Bits of the version. 28 is what the 64-bit word has left after the hash, busy bit and state.</summary>
    public const int VersionBits = 28;

    public const long VersionMask = ((1L << VersionBits) - 1) << 4;
    public const long HashMask = unchecked((long)0xFFFF_FFFF_0000_0000UL);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int State(long meta) => (int)(meta & StateMask);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsBusy(long meta) => (meta & Busy) != 0;

    /// <summary>True for a slot being claimed by an inserter (busy at version 0): its key is not published yet.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsClaiming(long meta) => (meta & (VersionMask | Busy)) == Busy;

    /// <summary>True when <paramref name="meta"/> holds the last version <paramref name="versionMask"/> allows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsLastVersion(long meta, long versionMask) => (meta & versionMask) == versionMask;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Hash(long meta) => (uint)((ulong)meta >> 32);

    /// <summary>The word an inserter CASes into an empty slot: its hash, busy, live, version 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Claiming(uint hash) => ((long)hash << 32) | Busy | Live;

    /// <summary>The version field of a map whose versions have <paramref name="bits"/> bits (tests narrow it).</summary>
    public static long VersionMaskFor(int bits) => ((1L << bits) - 1) << 4;

    /// <summary>The word that ends a write: same hash, next version (within <paramref name="versionMask"/>), not busy, the given state.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Published(long meta, int state, long versionMask) => (meta & HashMask) | ((meta + VersionOne) & versionMask) | (uint)state;
}
