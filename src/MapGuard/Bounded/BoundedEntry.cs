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

    // Written before the entry is published, and later in place only when ValueTraits<TValue>.IsWriteAtomic (other
    // values get a new entry instead), so a lock-free reader never sees half a value. GUARDED BY: the map's lock.
    public TValue Value;

    public long WriteTime;  // GUARDED BY: the map's lock. TimeProvider timestamp of the last write.
    public long AccessTime; // RACE(benign): readers store their timestamp; a lost store only shortens a lifetime by one read.
    public bool Accessed;   // RACE(benign): set by readers, cleared under the lock by the policy's second-chance sweep.
    public bool Removed;    // GUARDED BY: the map's lock. Set once the entry has left the inner map.
    public int Version;     // GUARDED BY: the map's lock. Bumped on each in-place write; AddOrUpdate validates against it.

    // GUARDED BY: the map's lock.
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
