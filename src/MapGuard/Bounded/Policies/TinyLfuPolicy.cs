using System.Diagnostics;

namespace MapGuard.Bounded.Policies;

/// <summary>
/// <see cref="Eviction.TinyLfu"/>: adaptive W-TinyLFU. New entries enter a window that starts at 1% of the capacity.
/// The window's oldest entry then competes with the oldest entry of the main region's probation segment, and the
/// frequency sketch lets in only the one seen more often. A probation entry that is read again moves to the protected
/// segment. <see cref="WindowClimber"/> resizes the window toward the region whose recently evicted keys come back more
/// often (ARC-style ghost rings), taking room from (or giving it to) the protected segment, so recency-skewed workloads
/// get a large window and frequency-skewed ones a small one. Recency inside each segment is CLOCK-approximated, so readers never take a lock.
/// </summary>
internal readonly struct TinyLfuPolicy<TKey, TValue> : IEvictionPolicy<TKey, TValue>
{
    /*
     * Concurrency: the queues, the region sizes and the climber are GUARDED BY the map's lock. Readers and
     *   in-place writers (OnRead, OnUpdate) only set Accessed and record the entry in the read buffer (both
     *   RACE(benign), see ReadBuffer and FrequencySketch); the sketch's halving and the window's resizing run in
     *   OnInsert, under the lock, after the inserting thread's buffered reads are counted. Second chances are granted
     *   when the evictor passes an entry, which is when Caffeine would replay its read buffer: a read moves a window
     *   entry to the window's front, promotes a probation entry to protected, and moves a protected entry to
     *   protected's front.
     * INVARIANT: _regions.WindowMax + _regions.MainMax == capacity, _window.Count <= WindowMax and _main.Count <= MainMax
     *   after every OnInsert, so the policy never holds more than the capacity. A resize moves one entry and one unit
     *   of room together; a move cut short by TransferLimit carries the rest over to the next insert.
     * References: Einziger, Friedman and Manes, "TinyLFU: A Highly Efficient Cache Admission Policy", ACM TOS 2017
     *   (W-TinyLFU, the 1% window and the 80% protected segment); Einziger, Eytan, Friedman and Manes, "Adaptive
     *   Software Cache Management", Middleware 2018, and Ben Manes's Caffeine, for sizing the window by climbing and
     *   moving room between the window and the protected segment; Megiddo and Modha's ARC (FAST 2003) for steering
     *   by ghost hits; Caffeine's random admission of
     *   frequent-looking candidates that keeps an attacker from pinning the victim.
     */

    private const int AdmitJitterThreshold = 6; // a candidate this frequent may be admitted by chance (1 in 128)

    // Entries one insert moves between regions at most: bounds the time a resize holds the map's lock.
    private const int TransferLimit = 1_000;

    private readonly EntryList<TKey, TValue> _window;
    private readonly SegmentedQueue<TKey, TValue> _main;
    private readonly FrequencySketch _sketch;
    private readonly ReadBuffer<TKey, TValue> _reads; // readers' sketch increments, counted in batches
    private readonly WindowClimber _climber;
    private readonly Regions _regions;

    public TinyLfuPolicy(int capacity)
    {
        int windowMax = Math.Max(1, capacity / 100);
        _regions = new Regions { Capacity = capacity, WindowMax = windowMax, MainMax = capacity - windowMax };
        _window = new EntryList<TKey, TValue>(EntryQueue.Window);
        _main = new SegmentedQueue<TKey, TValue>(_regions.MainMax);
        _sketch = new FrequencySketch(capacity);
        _reads = new ReadBuffer<TKey, TValue>(_sketch);
        _climber = new WindowClimber(capacity);
    }

    public bool RecordsAccess => true;

    public bool RejectsWhenFull => false;

    /// <summary>Gets the window's current size limit; for tests.</summary>
    internal int WindowMax => _regions.WindowMax;

    /// <summary>Gets the number of entries in the policy's queues; for tests. Caller holds the map's lock or is alone.</summary>
    internal int Tracked => _window.Count + _main.Count;

    /// <summary>Gets the number of samples that moved the window; for tests.</summary>
    internal int WindowMoves => _climber.Moves;

    public void OnRead(BoundedEntry<TKey, TValue> entry) => _reads.Record(entry);

    public void OnInsert(BoundedEntry<TKey, TValue> entry, List<BoundedEntry<TKey, TValue>> victims)
    {
        _reads.Drain(); // this thread's reads first, in order, as without the buffer

        // The halving runs here, under the map's lock, never on a reader. Non-short-circuiting: both steps run.
        if (_sketch.EnsureCapacity(_window.Count + _main.Count + 1) | _sketch.ResetIfDue())
        {
            _reads.Advance(); // the counts fell: entries marked as at the maximum are counted again
        }

        _sketch.Increment(entry.Hash);
        int move = _climber.RecordMiss(entry.Hash, _window.Count + _main.Count >= _regions.Capacity);
        if (move != 0)
        {
            _regions.Pending = move; // a new sample's verdict replaces what is left of the last one's
        }

        if (_regions.Pending != 0)
        {
            Resize();
        }

        // Room first, then the new entry: swept after it was linked, the new entry (not yet read) would be the one
        // the second-chance sweep picks whenever every older window entry had been read since the last sweep, and a
        // small window would evict each new key before its second read.
        while (_window.Count >= _regions.WindowMax && _window.Count > 0)
        {
            BoundedEntry<TKey, TValue> candidate = SecondChance.Oldest(_window);
            _window.Remove(candidate);
            Admit(candidate, victims);
        }

        _window.AddFirst(entry);

        // INVARIANT: see the header; together the regions hold at most the capacity.
        Debug.Assert(_regions.WindowMax + _regions.MainMax == _regions.Capacity, "the regions add up to the capacity");
        Debug.Assert(_window.Count <= _regions.WindowMax && _main.Count <= _regions.MainMax, "each region within its size");
    }

    public void OnUpdate(BoundedEntry<TKey, TValue> entry)
    {
        _reads.Record(entry);
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
        _climber.Reset();
    }

    // Moves up to TransferLimit entries of the pending adjustment between the window and the main region, each with
    // one unit of room, so both regions stay within their limits; what is left waits for the next insert.
    private void Resize()
    {
        int pending = _regions.Pending;
        int moved = 0;
        if (pending > 0)
        {
            // Grow the window: room comes out of the protected segment, entries from main's old end.
            int quota = Math.Min(Math.Min(pending, TransferLimit), _main.ProtectedMax);
            for (; moved < quota; moved++)
            {
                BoundedEntry<TKey, TValue>? entry = _main.TakeOldest();
                if (entry is null)
                {
                    break;
                }

                _window.AddFirst(entry);
            }

            // Room goes with every moved entry; a main region with fewer entries than its room also gives up empty room.
            int room = Math.Max(moved, Math.Min(quota, _regions.MainMax - _main.Count));
            _regions.WindowMax += room;
            _regions.MainMax -= room;
            _main.ProtectedMax -= room;
            _main.DemoteOverflow();
            _regions.Pending = room == 0 ? 0 : pending - room;
        }
        else
        {
            // Shrink the window (never below one entry): its oldest entries join probation's new end.
            int quota = Math.Min(Math.Min(-pending, TransferLimit), _regions.WindowMax - 1);
            int surplus = Math.Max(0, _window.Count - (_regions.WindowMax - quota));
            for (; moved < quota && moved < surplus; moved++)
            {
                BoundedEntry<TKey, TValue> entry = _window.Last!;
                _window.Remove(entry);
                _main.Add(entry);
            }

            _regions.WindowMax -= quota;
            _regions.MainMax += quota;
            _main.ProtectedMax += quota;
            _regions.Pending = quota == 0 ? 0 : pending + quota;
        }
    }

    private void Admit(BoundedEntry<TKey, TValue> candidate, List<BoundedEntry<TKey, TValue>> victims)
    {
        if (_regions.MainMax == 0)
        {
            victims.Add(candidate); // a capacity of 1 is all window
            return;
        }

        if (_main.Count < _regions.MainMax)
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
            _climber.WindowExit(null);
            _climber.MainExit(victim.Hash);
        }
        else
        {
            victims.Add(candidate);
            _climber.WindowExit(candidate.Hash);
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

    /// <summary>The region sizes, shared by the copies of the policy struct. GUARDED BY: the map's lock.</summary>
    private sealed class Regions
    {
        public int Capacity;
        public int WindowMax;
        public int MainMax;
        public int Pending; // entries the window still has to gain (positive) or give up (negative)
    }
}
