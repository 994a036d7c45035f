namespace MapGuard;

/// <summary>The map a <see cref="MapBuilder{TKey, TValue}"/> builds on. See the README's "which map" table.</summary>
public enum MapStrategy
{
    /// <summary><see cref="LockFreeMap{TKey, TValue}"/>: the default and the flagship.</summary>
    LockFree,

    /// <summary><see cref="ShardedMap{TKey, TValue}"/>: a lock per shard for writes, lock-free reads.</summary>
    Sharded,

    /// <summary><see cref="ReadMostlyMap{TKey, TValue}"/>: for stable key sets that are mostly read.</summary>
    ReadMostly,

    /// <summary><see cref="LockedMap{TKey, TValue}"/>: a dictionary behind one lock.</summary>
    Locked,

    /// <summary><see cref="ConcurrentDictionaryMap{TKey, TValue}"/>: the BCL's ConcurrentDictionary.</summary>
    ConcurrentDictionary,
}
