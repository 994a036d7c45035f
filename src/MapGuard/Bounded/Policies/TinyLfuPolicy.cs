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
     *   (both RACE(benign), see FrequencySketch). Second chances are granted when the evictor passes an entry, which
     *   is when Caffeine would replay its read buffer: a read moves a window entry to the window's front, promotes a
     *   probation entry to protected, and moves a protected entry to protected's front.
     * References: Einziger, Friedman and Manes, "TinyLFU: A Highly Efficient Cache Admission Policy", ACM TOS 2017
     *   (W-TinyLFU, the 1% window and the 80% protected segment); Ben Manes's Caffeine, which this follows, including
     *   its random admission of frequent-looking candidates that keeps an attacker from pinning the victim.
     */

    private const int AdmitJitterThreshold = 6; // a candidate this frequent may be admitted by chance (1 in 128)

    private readonly EntryList<TKey, TValue> _window;
    private readonly EntryList<TKey, TValue> _probation;
    private readonly EntryList<TKey, TValue> _protected;
    private readonly FrequencySketch _sketch;
    private readonly int _windowMax;
    private readonly int _mainMax;
    private readonly int _protectedMax;

    public TinyLfuPolicy(int capacity)
    {
        _windowMax = Math.Max(1, capacity / 100);
        _mainMax = capacity - _windowMax;
        _protectedMax = (int)(_mainMax * 0.8);
        _window = new EntryList<TKey, TValue>(EntryQueue.Window);
        _probation = new EntryList<TKey, TValue>(EntryQueue.Probation);
        _protected = new EntryList<TKey, TValue>(EntryQueue.Protected);
        _sketch = new FrequencySketch(capacity);
    }

    public bool RecordsAccess => true;

    public bool RejectsWhenFull => false;

    public void OnRead(BoundedEntry<TKey, TValue> entry) => _sketch.Increment(entry.Hash);

    public void OnInsert(BoundedEntry<TKey, TValue> entry, List<BoundedEntry<TKey, TValue>> victims)
    {
        _sketch.EnsureCapacity(_window.Count + _probation.Count + _protected.Count + 1);
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

    public void OnRemove(BoundedEntry<TKey, TValue> entry) => QueueOf(entry).Remove(entry);

    public void OnReplace(BoundedEntry<TKey, TValue> entry, BoundedEntry<TKey, TValue> replacement) =>
        QueueOf(entry).Replace(entry, replacement);

    public void Clear()
    {
        _window.Clear();
        _probation.Clear();
        _protected.Clear();
    }

    private void Admit(BoundedEntry<TKey, TValue> candidate, List<BoundedEntry<TKey, TValue>> victims)
    {
        if (_mainMax == 0)
        {
            victims.Add(candidate); // a capacity of 1 is all window
            return;
        }

        if (_probation.Count + _protected.Count < _mainMax)
        {
            _probation.AddFirst(candidate);
            return;
        }

        BoundedEntry<TKey, TValue> victim = MainVictim();
        if (Admits(candidate, victim))
        {
            QueueOf(victim).Remove(victim);
            victims.Add(victim);
            _probation.AddFirst(candidate);
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

    /// <summary>The oldest unread probation entry, after promoting the read ones; from protected if probation empties.</summary>
    private BoundedEntry<TKey, TValue> MainVictim()
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
            if (_protected.Count > _protectedMax)
            {
                BoundedEntry<TKey, TValue> demoted = SecondChance.Oldest(_protected);
                _protected.Remove(demoted);
                _probation.AddFirst(demoted);
            }
        }

        return _probation.Last ?? SecondChance.Oldest(_protected);
    }

    private EntryList<TKey, TValue> QueueOf(BoundedEntry<TKey, TValue> entry) => entry.Queue switch
    {
        EntryQueue.Window => _window,
        EntryQueue.Probation => _probation,
        _ => _protected,
    };
}
