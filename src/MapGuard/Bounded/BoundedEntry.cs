using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace MapGuard.Bounded;

/// <summary>Which of its policy's queues an entry is linked into.</summary>
internal enum EntryQueue : byte
{
    None,
    Window,
    Probation,
    Protected,
}

/// <summary>
/// What a governed map stores under each key: the value and the bookkeeping its eviction policy needs. One object per
/// entry, found through the inner map and linked into the policy's queues. A map with expiry stores
/// <see cref="ExpiringEntry{TKey, TValue}"/> instead, so maps without it do not carry the timestamps and links.
/// </summary>
internal class BoundedEntry<TKey, TValue>
{
    public readonly TKey Key;
    public readonly uint Hash; // the map's seeded hash of Key, for the frequency sketch

    // Written before the entry is published, and later in place by a writer that holds the entry's claim (Version),
    // only when ValueTraits<TValue>.IsWriteAtomic (other values get a new entry instead). Read without a claim by
    // TryGetValue, the enumerator and AddOrUpdate, so a store must be one atomic access: no reader sees half a value.
    public TValue Value;

    // RACE(benign): set by readers, cleared under the lock by the policy's second-chance sweep.
    public bool Accessed;

    // TinyLfu only: the ReadBuffer generation in which the sketch's counters for Hash were all at their maximum, or 0.
    // RACE(benign): written by whichever thread counts a batch; a stale mark costs one skipped or one extra count.
    public byte SaturatedIn;

    // The entry's claim and write count in one word: Busy (a writer holds the entry), Retired (the entry has left the
    // map and is never written again), and above them the number of in-place writes. Every write of Value claims the
    // entry first (one CAS), so a write that takes no map lock (BoundedMap.TryWriteInPlace) and a locked one that
    // compares, replaces or removes never interleave. PUBLISHED BY: the release store that ends a claim, after Value;
    // READ WITH: Volatile.Read, before Value, in AddOrUpdate.
    public int Version;

    // GUARDED BY: the map's lock (read and written only under it).
    public BoundedEntry<TKey, TValue>? Previous, Next;
    public EntryQueue Queue;

    private const int Busy = 1;
    private const int Retired = 2;
    private const int WriteStep = 4;

    public BoundedEntry(TKey key, uint hash, TValue value)
    {
        Key = key;
        Hash = hash;
        Value = value;
    }

    /// <summary>Claims the entry if it is still live and idle at <paramref name="version"/>; never waits.</summary>
    public bool TryClaim(int version) =>
        (version & (Busy | Retired)) == 0 && Interlocked.CompareExchange(ref Version, version | Busy, version) == version;

    /// <summary>
    /// Claims a live entry, waiting out a writer that holds it without the map's lock (its claim spans a few stores).
    /// Caller holds the map's lock, so no other waiting claimant exists. Returns the version claimed.
    /// </summary>
    public int Claim()
    {
        SpinWait spin = default;
        while (true)
        {
            int version = Volatile.Read(ref Version);

            // INVARIANT: only the lock holder retires, and it never claims an entry it retired.
            Debug.Assert((version & Retired) == 0, "a retired entry is claimed");
            if (TryClaim(version))
            {
                return version;
            }

            spin.SpinOnce();
        }
    }

    /// <summary>Ends a claim that wrote nothing.</summary>
    public void Release(int version) => Volatile.Write(ref Version, version); // ORDER: release, ends the claim

    /// <summary>Ends a claim that wrote Value: counts the write and publishes it.</summary>
    public void ReleaseWritten(int version) => Volatile.Write(ref Version, version + WriteStep); // ORDER: release, after Value

    /// <summary>Ends a claim by retiring the entry: it is leaving the map, and no writer may claim it again.</summary>
    public void Retire(int version) => Volatile.Write(ref Version, version | Retired); // ORDER: release
}

/// <summary>
/// The entry of a map with expiry: a <see cref="BoundedEntry{TKey, TValue}"/> with its timestamps and its links in the
/// write-order list.
/// </summary>
internal sealed class ExpiringEntry<TKey, TValue>(TKey key, uint hash, TValue value, long now)
    : BoundedEntry<TKey, TValue>(key, hash, value)
{
    // TimeProvider timestamp of the last write. Written under the map's lock (Volatile.Write); read without it by
    // ExpirySettings.IsExpired (Volatile.Read, atomic on every platform).
    public long WriteTime = now;

    // RACE(benign): readers store their timestamp (Volatile.Write); a lost store only shortens a lifetime by one read.
    public long AccessTime = now;

    // GUARDED BY: the map's lock.
    public BoundedEntry<TKey, TValue>? OlderWrite, NewerWrite;
    public bool InWriteOrder;

    /// <summary>
    /// <paramref name="entry"/> as the expiring entry it is. INVARIANT: a map whose expiry is enabled creates only
    /// expiring entries, and only such a map calls this, so the unchecked cast is safe.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ExpiringEntry<TKey, TValue> Of(BoundedEntry<TKey, TValue> entry)
    {
        Debug.Assert(entry is ExpiringEntry<TKey, TValue>, "an entry of an expiring map");
        return Unsafe.As<ExpiringEntry<TKey, TValue>>(entry);
    }
}
