namespace MapGuard.Benchmarks.Governance;

/// <summary>The maps whose metrics cost is measured: each strategy, and a bounded map with each eviction policy.</summary>
public enum MeteredMapKind
{
    LockFree,
    Sharded,
    ReadMostly,
    Locked,
    ConcurrentDictionary,

    /// <summary>A bounded LockFreeMap with TinyLFU eviction, sized so the workload's keys all fit (nothing is evicted).</summary>
    TinyLfu,

    /// <summary>A bounded LockFreeMap with segmented-LRU eviction, sized as <see cref="TinyLfu"/>.</summary>
    Lru,
}
