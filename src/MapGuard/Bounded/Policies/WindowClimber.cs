namespace MapGuard.Bounded.Policies;

/// <summary>
/// Sizes W-TinyLFU's window by climbing, one step at a time, toward the region whose recently evicted keys come back
/// more often. Two ghost rings (<see cref="GhostRing"/>) hold the hashes of the keys among the last <see cref="Step"/>
/// exits from the window that were not admitted, and of the last <see cref="Step"/> keys the main region evicted; a miss
/// found in one of them would have been a hit with <see cref="Step"/> more room there. After each sample of misses the
/// window moves <see cref="Move"/> entries toward the ring that caught clearly more. Both rings are read over the same stretch of the workload, so a change of phase
/// that moves every hit rate at once does not read as a verdict on the window. Not thread-safe: the map's lock guards it.
/// </summary>
internal sealed class WindowClimber
{
    /*
     * Concurrency: GUARDED BY the map's lock (TinyLfuPolicy.OnInsert); readers never touch it.
     * Why not Caffeine's climber: Caffeine compares each sample's hit rate with the previous sample's. On real traces
     *   that rate moves with the trace's phases more than with the window, so the window wanders (docs/design/
     *   bounded-maps.md); ghost hits compare the two choices over the same accesses instead.
     * References: Megiddo and Modha, "ARC: A Self-Tuning, Low Overhead Replacement Cache", FAST 2003 (ghost lists
     *   that steer the split between a recency and a frequency region); Einziger, Eytan, Friedman and Manes, "Adaptive
     *   Software Cache Management", Middleware 2018, and Ben Manes's Caffeine (a window sized by climbing, the 6.25%
     *   step, room moved between the window and the protected segment). This is MapGuard's own code.
     */

    /// <summary>A ghost ring's length as a share of the capacity: the margin whose worth the rings compare.</summary>
    public const double StepShare = 0.0625;

    /// <summary>A move is a ring's length divided by this: small moves, many samples, so the window settles.</summary>
    public const int MoveDivisor = 8;

    /// <summary>Misses per sample, as a multiple of the capacity: enough ghost hits to judge, short enough to follow a phase.</summary>
    public const int SampleMultiple = 1;

    private readonly long _sampleSize;
    private readonly GhostRing _windowGhosts;
    private readonly GhostRing _mainGhosts;
    private long _missesInSample;
    private int _windowGhostHits;
    private int _mainGhostHits;

    public WindowClimber(int capacity)
    {
        Step = (int)(StepShare * capacity);
        _sampleSize = Math.Max(1, (long)SampleMultiple * capacity);
        _windowGhosts = new GhostRing(Math.Max(1, Step));
        _mainGhosts = new GhostRing(Math.Max(1, Step));
    }

    /// <summary>Gets the length of each ghost ring, in exits.</summary>
    public int Step { get; }

    /// <summary>
    /// Gets the entries one sample moves, a fraction of a ring, so the window approaches the point where the rings
    /// balance in small steps instead of jumping across it; 0 for a capacity too small to climb.
    /// </summary>
    public int Move => Step / MoveDivisor;

    /// <summary>Gets the number of samples that moved the window; for tests.</summary>
    public int Moves { get; private set; }

    /// <summary>The window's oldest entry left the window: rejected (<paramref name="hash"/>) or admitted (null).</summary>
    public void WindowExit(uint? hash) => _windowGhosts.Add(hash);

    /// <summary>The main region evicted the key with <paramref name="hash"/> to admit a window entry.</summary>
    public void MainExit(uint hash) => _mainGhosts.Add(hash);

    /// <summary>
    /// Counts a miss on the key with <paramref name="hash"/> and, when a sample is complete, returns how many entries
    /// the window should gain (positive) or lose (negative); otherwise 0. Samples start once the cache is
    /// <paramref name="full"/>: until then nothing is evicted and the rings are empty.
    /// </summary>
    public int RecordMiss(uint hash, bool full)
    {
        if (!full || Move == 0)
        {
            return 0;
        }

        if (_windowGhosts.Contains(hash))
        {
            _windowGhostHits++;
        }

        if (_mainGhosts.Contains(hash))
        {
            _mainGhostHits++;
        }

        if (++_missesInSample < _sampleSize)
        {
            return 0;
        }

        // A step needs a lead beyond the counts' own noise (about one standard deviation of their sum).
        int lead = _windowGhostHits - _mainGhostHits;
        double noise = Math.Sqrt(_windowGhostHits + _mainGhostHits);
        int move = lead > noise ? Move : -lead > noise ? -Move : 0;
        _missesInSample = 0;
        _windowGhostHits = _mainGhostHits = 0;
        if (move != 0)
        {
            Moves++;
        }

        return move;
    }

    /// <summary>Starts afresh (after <c>Clear</c>): empty rings and sample.</summary>
    public void Reset()
    {
        _windowGhosts.Clear();
        _mainGhosts.Clear();
        _missesInSample = _windowGhostHits = _mainGhostHits = 0;
    }
}
