namespace MapGuard.Bounded.Policies;

/// <summary>
/// How a governed map chooses what leaves when it is full. A struct, so the JIT specializes the map for each policy
/// and a policy's empty methods cost nothing. Every method except <see cref="OnRead"/> and <see cref="OnUpdate"/>
/// runs under the map's lock.
/// </summary>
internal interface IEvictionPolicy<TKey, TValue>
{
    /// <summary>Whether readers mark entries as accessed and call <see cref="OnRead"/>.</summary>
    bool RecordsAccess { get; }

    /// <summary>Whether a full map refuses new keys instead of evicting (<see cref="Eviction.Reject"/>).</summary>
    bool RejectsWhenFull { get; }

    /// <summary>A lookup found <paramref name="entry"/>. Lock-free.</summary>
    void OnRead(BoundedEntry<TKey, TValue> entry);

    /// <summary>Links a new entry and adds to <paramref name="victims"/> the entries that must leave to make room.</summary>
    void OnInsert(BoundedEntry<TKey, TValue> entry, List<BoundedEntry<TKey, TValue>> victims);

    /// <summary>
    /// <paramref name="entry"/>'s value was written. Lock-free: an in-place write calls it without the map's lock, so it
    /// may only record the access, as <see cref="OnRead"/> does.
    /// </summary>
    void OnUpdate(BoundedEntry<TKey, TValue> entry);

    /// <summary>Unlinks an entry that left the map.</summary>
    void OnRemove(BoundedEntry<TKey, TValue> entry);

    /// <summary>Puts <paramref name="replacement"/> where <paramref name="entry"/> was.</summary>
    void OnReplace(BoundedEntry<TKey, TValue> entry, BoundedEntry<TKey, TValue> replacement);

    /// <summary>Forgets every entry.</summary>
    void Clear();
}
