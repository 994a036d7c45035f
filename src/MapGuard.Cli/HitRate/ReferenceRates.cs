namespace MapGuard.Cli.HitRate;

/// <summary>
/// The two bounds a policy's hit rate is read against: an unbounded cache, which misses only the first access to
/// each key (the compulsory-miss ceiling), and Belady's optimal offline policy at the same size.
/// </summary>
internal static class ReferenceRates
{
    /*
     * Optimal: Belady's MIN (L. A. Belady, "A study of replacement algorithms for a virtual-storage computer", IBM
     *   Systems Journal 5(2), 1966), which evicts the key whose next use is furthest in the future. A key that is never
     *   used again is not kept at all (equivalently: admitted, then evicted first), which is optimal for hit count.
     *   NextUses is one backward pass; the replay keeps the cached keys' next-use positions in a max-heap, so each
     *   access costs O(log n). Positions are unique, so a position in the heap names one pending access: a hit at i
     *   finds inCache[i] set. A hit leaves its old position in the heap as a stale entry below every live one (every
     *   live position is still in the future), so the maximum is always live; the heap is compacted when stale
     *   entries outnumber the live ones.
     */

    /// <summary>Position of the next access to the same key, for each access; <see cref="int.MaxValue"/> when none.</summary>
    public static int[] NextUses(long[] keys)
    {
        var next = new int[keys.Length];
        var seen = new Dictionary<long, int>();
        for (int i = keys.Length - 1; i >= 0; i--)
        {
            next[i] = seen.TryGetValue(keys[i], out int later) ? later : int.MaxValue;
            seen[keys[i]] = i;
        }

        return next;
    }

    /// <summary>
    /// The unbounded cache's hit rate, given <see cref="NextUses"/> of the trace: every access but the first to each
    /// key hits, so there is one hit for each access that has a next use. (Not the trace's key space: a synthetic
    /// trace's key space is what it draws from, and it may miss some keys and add others, such as scans.)
    /// </summary>
    public static double Unbounded(int[] nextUses) => (double)nextUses.Count(next => next != int.MaxValue) / nextUses.Length;

    /// <summary>Belady's optimal hit rate at <paramref name="capacity"/> keys, given <see cref="NextUses"/> of the trace.</summary>
    public static double Optimal(int[] nextUses, int capacity, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        var inCache = new bool[nextUses.Length];
        var heap = new PriorityQueue<int, int>(); // priority = -position: the furthest next use first
        long hits = 0;
        int cached = 0;
        for (int i = 0; i < nextUses.Length; i++)
        {
            if ((i & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            if (inCache[i])
            {
                hits++;
                inCache[i] = false; // its heap entry goes stale
                cached--;
            }

            int next = nextUses[i];
            if (next == int.MaxValue)
            {
                continue; // never used again: keeping it cannot earn a hit
            }

            inCache[next] = true;
            heap.Enqueue(next, -next);
            cached++;
            if (cached > capacity)
            {
                int furthest = heap.Dequeue();

                // INVARIANT: stale positions are all behind i, live ones ahead of it, so the maximum is live.
                System.Diagnostics.Debug.Assert(inCache[furthest], "the furthest position is a cached key's");
                inCache[furthest] = false;
                cached--;
            }

            if (heap.Count > (2 * cached) + 1_024)
            {
                heap = Compact(heap, inCache);
            }
        }

        return (double)hits / nextUses.Length;
    }

    private static PriorityQueue<int, int> Compact(PriorityQueue<int, int> heap, bool[] inCache)
    {
        var live = new List<(int, int)>(heap.Count / 2);
        foreach ((int position, int priority) in heap.UnorderedItems)
        {
            if (inCache[position])
            {
                live.Add((position, priority));
            }
        }

        return new PriorityQueue<int, int>(live);
    }
}
