using System.Runtime.CompilerServices;

namespace MapGuard.ReadMostly;

/// <summary>
/// The 64-bit word that heads every <see cref="ReadMostlyMap{TKey, TValue}"/> entry and is the only field of it ever
/// CASed: <c>[version:61][busy:1][state:2]</c>. Every write bumps the version, which is what lets a reader validate
/// the value it read and lets a writer's CAS fail when anything else wrote first.
/// </summary>
internal static class EntryMeta
{
    /// <summary>The key is present with the entry's value.</summary>
    public const int Live = 1;

    /// <summary>
    /// The key was removed, but the entry is still the one every table holding the key points to. A lock-free write
    /// may revive it. (Go's sync.Map: an entry whose pointer is nil.)
    /// </summary>
    public const int Deleted = 2;

    /// <summary>
    /// The entry has left, or is leaving, every current table: it is dead for good and is never written again. A reader
    /// that meets it reports the key absent; a writer must look the key up again under the lock. (Go's "expunged".)
    /// </summary>
    public const int Expunged = 3;

    public const long StateMask = 0b11;
    public const long Busy = 0b100;
    public const long VersionOne = 0b1000;

    /// <summary>The word of a new entry: version 0, not busy, live.</summary>
    public const long NewLive = Live;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int State(long meta) => (int)(meta & StateMask);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsBusy(long meta) => (meta & Busy) != 0;

    /// <summary>The word that ends a write begun on <paramref name="meta"/>: next version, not busy, <paramref name="state"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Published(long meta, int state) => ((meta & ~(Busy | StateMask)) + VersionOne) | (uint)state;
}
