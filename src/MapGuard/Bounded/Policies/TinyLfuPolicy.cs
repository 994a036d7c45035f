namespace MapGuard.Bounded.Policies;

/// <summary>
/// <see cref="Eviction.TinyLfu"/>: W-TinyLFU. New entries enter a window of 1% of the capacity. The window's oldest
/// entry then competes with the oldest entry of the main region's probation segment, and the frequency sketch lets
/// in only the one seen more often. A probation entry that is read again moves to the protected segment (80% of the
/// main region). Recency inside each segment is CLOCK-approximated, so readers never take a lock.
/// </summary>
internal readonly struct TinyLfuPolicy<TKey, TValue> : IEvictionPolicy<TKey, TValue>
{
    /*
     * Concurrency: the three queues are GUARDED BY the map's lock. Readers only set Accessed and bump the sketch
     *   (both RACE(benign), see FrequencySketch); the sketch's halving runs in OnInsert, under the lock. Second chances are granted when the evictor passes an entry, which
     *   is when Caffeine would replay its read buffer: a read moves a window entry to the window's front, promotes a
     *   probation entry to protected, and moves a protected entry to protected's front.
     * References: Einziger, Friedman and Manes, "TinyLFU: A Highly Efficient Cache Admission Policy", ACM TOS 2017
     *   (W-TinyLFU, the 1% window and the 80% protected segment); Ben Manes's Caffeine, which this follows, including
     *   its random admission of frequent-looking candidates that keeps an attacker from pinning the victim.
     */

    private const int AdmitJitterThreshold = 6; // a candidate this frequent may be admitted by chance (1 in 128)

    private readonly EntryList<TKey, TValue> _window;
    private readonly SegmentedQueue<TKey, TValue> _main;
    private readonly FrequencySketch _sketch;
    private readonly int _windowMax;
    private readonly int _mainMax;

    public TinyLfuPolicy(int capacity)
    {
        _windowMax = Math.Max(1, capacity / 100);
        _mainMax = capacity - _windowMax;
        _window = new EntryList<TKey, TValue>(EntryQueue.Window);
        _main = new SegmentedQueue<TKey, TValue>(_mainMax);
        _sketch = new FrequencySketch(capacity);
    }

    public bool RecordsAccess => true;

    public bool RejectsWhenFull => false;

    public void OnRead(BoundedEntry<TKey, TValue> entry) => _sketch.Increment(entry.Hash);

    public void OnInsert(BoundedEntry<TKey, TValue> entry, List<BoundedEntry<TKey, TValue>> victims)
    {
        _sketch.EnsureCapacity(_window.Count + _main.Count + 1);
        _sketch.ResetIfDue(); // the halving runs here, under the map's lock, never on a reader
        _sketch.Increment(entry.Hash);
        _window.AddFirst(entry);
        while (_window.Count > _windowMax)
        {
            BoundedEntry<TKey, TValue> candidate = SecondChance.Oldest(_window);
            _window.Remove(candidate);
            Admit(candidate, victims);
        }
    }

    public void OnUpdate(BoundedEntry<TKey, TValue> entry)
    {
        _sketch.Increment(entry.Hash);
        entry.Accessed = true;
    }

    public void OnRemove(BoundedEntry<TKey, TValue> entry)
    {
        if (entry.Queue == EntryQueue.Window)
        {
            _window.Remove(entry);
        }
        else
        {
            _main.Remove(entry);
        }
    }

    public void OnReplace(BoundedEntry<TKey, TValue> entry, BoundedEntry<TKey, TValue> replacement)
    {
        if (entry.Queue == EntryQueue.Window)
        {
            _window.Replace(entry, replacement);
        }
        else
        {
            _main.Replace(entry, replacement);
        }
    }

    public void Clear()
    {
        _window.Clear();
        _main.Clear();
    }

    private void Admit(BoundedEntry<TKey, TValue> candidate, List<BoundedEntry<TKey, TValue>> victims)
    {
        if (_mainMax == 0)
        {
            victims.Add(candidate); // a capacity of 1 is all window
            return;
        }

        if (_main.Count < _mainMax)
        {
            _main.Add(candidate);
            return;
        }

        BoundedEntry<TKey, TValue> victim = _main.Victim();
        if (Admits(candidate, victim))
        {
            _main.Remove(victim);
            victims.Add(victim);
            _main.Add(candidate);
        }
        else
        {
            victims.Add(candidate);
        }
    }

    private bool Admits(BoundedEntry<TKey, TValue> candidate, BoundedEntry<TKey, TValue> victim)
    {
        int candidateFrequency = _sketch.Frequency(candidate.Hash);
        int victimFrequency = _sketch.Frequency(victim.Hash);
        if (candidateFrequency > victimFrequency)
        {
            return true;
        }

        return candidateFrequency >= AdmitJitterThreshold && (Random.Shared.Next() & 127) == 0;
    }
}
