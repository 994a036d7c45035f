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
/// What a governed map stores under each key: the value and the bookkeeping its eviction and expiry policies need.
/// One object per entry, found through the inner map and linked into the policy's queues.
/// </summary>
internal sealed class BoundedEntry<TKey, TValue>
{
    public readonly TKey Key;
    public readonly uint Hash; // the map's seeded hash of Key, for the frequency sketch

    // Written before the entry is published, and later in place, under the map's lock, only when
    // ValueTraits<TValue>.IsWriteAtomic (other values get a new entry instead). Read without the lock by TryGetValue,
    // the enumerator and AddOrUpdate, so a store must be one atomic access: a lock-free reader never sees half a value.
    public TValue Value;

    // TimeProvider timestamp of the last write. Written under the map's lock (Volatile.Write); read without it by
    // ExpirySettings.IsExpired (Volatile.Read, atomic on every platform).
    public long WriteTime;

    // RACE(benign): readers store their timestamp (Volatile.Write); a lost store only shortens a lifetime by one read.
    public long AccessTime;

    // RACE(benign): set by readers, cleared under the lock by the policy's second-chance sweep.
    public bool Accessed;

    // Bumped with Volatile.Write on each in-place write, under the map's lock; read without it (Volatile.Read) by
    // AddOrUpdate before it reads Value, and validated under the lock by TryApply.
    public int Version;

    // GUARDED BY: the map's lock (read and written only under it).
    public BoundedEntry<TKey, TValue>? Previous, Next;
    public EntryQueue Queue;
    public BoundedEntry<TKey, TValue>? OlderWrite, NewerWrite;
    public bool InWriteOrder;

    public BoundedEntry(TKey key, uint hash, TValue value)
    {
        Key = key;
        Hash = hash;
        Value = value;
    }
}
