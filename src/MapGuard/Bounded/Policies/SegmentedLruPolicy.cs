namespace MapGuard.Bounded.Policies;

/// <summary>
/// <see cref="Eviction.Lru"/>: segmented LRU approximated by CLOCK (see <see cref="SegmentedQueue{TKey, TValue}"/>).
/// Readers and in-place writers only set the entry's Accessed bit, with no lock and no list update; the evictor
/// reorders at eviction time.
/// </summary>
internal readonly struct SegmentedLruPolicy<TKey, TValue> : IEvictionPolicy<TKey, TValue>
{
    /*
     * Concurrency: the segments are GUARDED BY the map's lock. Readers write only Accessed (RACE(benign): a lost set
     *   only denies one second chance).
     * References: SLRU (Karedla et al. 1994) and CLOCK (Corbató 1968); BitFaster.Caching's ConcurrentLru likewise
     *   moves entries only when it evicts, driven by an accessed flag that reads set.
     */

    private readonly SegmentedQueue<TKey, TValue> _queue;
    private readonly int _capacity;

    public SegmentedLruPolicy(int capacity)
    {
        _capacity = capacity;
        _queue = new SegmentedQueue<TKey, TValue>(capacity);
    }

    public bool RecordsAccess => true;

    public bool RejectsWhenFull => false;

    public void OnRead(BoundedEntry<TKey, TValue> entry)
    {
    }

    public void OnInsert(BoundedEntry<TKey, TValue> entry, List<BoundedEntry<TKey, TValue>> victims)
    {
        _queue.Add(entry);
        while (_queue.Count > _capacity)
        {
            BoundedEntry<TKey, TValue> victim = _queue.Victim();
            _queue.Remove(victim);
            victims.Add(victim);
        }
    }

    public void OnUpdate(BoundedEntry<TKey, TValue> entry) => entry.Accessed = true;

    public void OnRemove(BoundedEntry<TKey, TValue> entry) => _queue.Remove(entry);

    public void OnReplace(BoundedEntry<TKey, TValue> entry, BoundedEntry<TKey, TValue> replacement) => _queue.Replace(entry, replacement);

    public void Clear() => _queue.Clear();
}
