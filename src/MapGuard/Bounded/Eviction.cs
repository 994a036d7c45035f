namespace MapGuard;

/// <summary>What a bounded map does when a new key arrives and it is full.</summary>
public enum Eviction
{
    /// <summary>
    /// Refuse the key: <see cref="IConcurrentMap{TKey, TValue}.TryAdd"/> returns false, and the indexer,
    /// <c>GetOrAdd</c> and <c>AddOrUpdate</c> throw <see cref="CapacityExceededException"/>.
    /// </summary>
    Reject,

    /// <summary>
    /// Evict an approximately least recently used key: segmented LRU (a probation and a protected segment) with CLOCK
    /// second chances, so reads never take a lock, and a key read only once cannot push out keys read twice.
    /// </summary>
    Lru,

    /// <summary>
    /// Adaptive W-TinyLFU, after Caffeine: an LRU admission window in front of a segmented main region, and a count-min
    /// frequency sketch that admits a newcomer only if it has been seen more often than the key it would evict. The
    /// window starts at 1% of the capacity and grows or shrinks toward the region whose recently evicted keys come
    /// back more often, so recency-skewed workloads get a larger window and frequency-skewed ones a smaller one.
    /// </summary>
    TinyLfu,
}
