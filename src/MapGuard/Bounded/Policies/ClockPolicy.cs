namespace MapGuard.Bounded.Policies;

/// <summary>
/// <see cref="Eviction.Lru"/> approximated by CLOCK: entries queue in insertion order; readers only set the entry's
/// Accessed bit, with no lock and no list update; the evictor takes the oldest entry, and gives one that was read
/// since it last looked a second chance at the front of the queue.
/// </summary>
internal readonly struct ClockPolicy<TKey, TValue> : IEvictionPolicy<TKey, TValue>
{
    /*
     * Concurrency: the queue is GUARDED BY the map's lock. Readers write only Accessed (RACE(benign): a lost set only
     *   denies one second chance).
     * References: Corbató's CLOCK (1968) as the classic LRU approximation; BitFaster.Caching's ConcurrentLru also
     *   moves entries only at eviction time, using an accessed flag set by reads.
     */

    private readonly EntryList<TKey, TValue> _queue;
    private readonly int _capacity;

    public ClockPolicy(int capacity)
    {
        _capacity = capacity;
        _queue = new EntryList<TKey, TValue>(EntryQueue.Clock);
    }

    public bool RecordsAccess => true;

    public bool RejectsWhenFull => false;

    public void OnRead(BoundedEntry<TKey, TValue> entry)
    {
    }

    public void OnInsert(BoundedEntry<TKey, TValue> entry, List<BoundedEntry<TKey, TValue>> victims)
    {
        _queue.AddFirst(entry);
        while (_queue.Count > _capacity)
        {
            BoundedEntry<TKey, TValue> victim = SecondChance.Oldest(_queue);
            _queue.Remove(victim);
            victims.Add(victim);
        }
    }

    public void OnUpdate(BoundedEntry<TKey, TValue> entry) => entry.Accessed = true;

    public void OnRemove(BoundedEntry<TKey, TValue> entry) => _queue.Remove(entry);

    public void OnReplace(BoundedEntry<TKey, TValue> entry, BoundedEntry<TKey, TValue> replacement) => _queue.Replace(entry, replacement);

    public void Clear() => _queue.Clear();
}
