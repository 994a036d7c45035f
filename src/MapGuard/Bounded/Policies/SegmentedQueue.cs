namespace MapGuard.Bounded.Policies;

/// <summary>
/// Segmented LRU, CLOCK-approximated: new entries wait in a probation segment; one read there earns a place in the
/// protected segment (80%), whose overflow drops back to probation. The victim is the oldest probation entry not read
/// since the sweep last passed it. One-hit keys, such as a scan's, never reach protected, so they cannot flush it.
/// The shared core of <see cref="SegmentedLruPolicy{TKey, TValue}"/> and W-TinyLFU's main region. Not thread-safe:
/// the map's lock guards it.
/// </summary>
internal sealed class SegmentedQueue<TKey, TValue>
{
    /*
     * References: Karedla, Love and Wherry, "Caching Strategies to Improve Disk System Performance" (SLRU, 1994);
     *   CLOCK second chance (Corbató) in place of moving entries on every read.
     */

    private readonly EntryList<TKey, TValue> _probation = new(EntryQueue.Probation);
    private readonly EntryList<TKey, TValue> _protected = new(EntryQueue.Protected);
    public SegmentedQueue(int capacity) => ProtectedMax = (int)(capacity * 0.8);

    public int Count => _probation.Count + _protected.Count;

    /// <summary>
    /// Gets or sets the most entries the protected segment keeps before its overflow drops back to probation. W-TinyLFU
    /// moves it with its window; lowering it takes effect at the next <see cref="DemoteOverflow"/> or <see cref="Victim"/>.
    /// </summary>
    public int ProtectedMax { get; set; }

    /// <summary>Moves protected entries beyond <see cref="ProtectedMax"/> back to probation.</summary>
    public void DemoteOverflow()
    {
        while (_protected.Count > ProtectedMax)
        {
            BoundedEntry<TKey, TValue> demoted = SecondChance.Oldest(_protected);
            _protected.Remove(demoted);
            _probation.AddFirst(demoted);
        }
    }

    /// <summary>Unlinks and returns the entry W-TinyLFU moves into a growing window: probation's oldest, else protected's.</summary>
    public BoundedEntry<TKey, TValue>? TakeOldest()
    {
        BoundedEntry<TKey, TValue>? oldest = _probation.Last ?? _protected.Last;
        if (oldest is not null)
        {
            Remove(oldest);
        }

        return oldest;
    }

    public void Add(BoundedEntry<TKey, TValue> entry) => _probation.AddFirst(entry);

    public void Remove(BoundedEntry<TKey, TValue> entry) => SegmentOf(entry).Remove(entry);

    public void Replace(BoundedEntry<TKey, TValue> entry, BoundedEntry<TKey, TValue> replacement) => SegmentOf(entry).Replace(entry, replacement);

    public void Clear()
    {
        _probation.Clear();
        _protected.Clear();
    }

    /// <summary>The next entry to evict (still linked): promotes read probation entries on the way.</summary>
    public BoundedEntry<TKey, TValue> Victim()
    {
        for (int lap = _probation.Count; lap > 0; lap--)
        {
            BoundedEntry<TKey, TValue> oldest = _probation.Last!;
            if (!oldest.Accessed)
            {
                return oldest;
            }

            oldest.Accessed = false;
            _probation.Remove(oldest);
            _protected.AddFirst(oldest);
            DemoteOverflow(); // to probation's new end: the old end instead cost TinyLfu 0.2-0.3 points at 10% (hitrate)
        }

        return _probation.Last ?? SecondChance.Oldest(_protected);
    }

    private EntryList<TKey, TValue> SegmentOf(BoundedEntry<TKey, TValue> entry) =>
        entry.Queue == EntryQueue.Probation ? _probation : _protected;
}
