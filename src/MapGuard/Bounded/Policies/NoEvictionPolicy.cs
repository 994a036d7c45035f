namespace MapGuard.Bounded.Policies;

/// <summary>
/// Evicts nothing. With <c>rejectsWhenFull</c> it is <see cref="Eviction.Reject"/>, the capacity fuse; without, it
/// serves maps that only expire entries or send notices.
/// </summary>
internal readonly struct NoEvictionPolicy<TKey, TValue> : IEvictionPolicy<TKey, TValue>
{
    public NoEvictionPolicy(bool rejectsWhenFull) => RejectsWhenFull = rejectsWhenFull;

    public bool RecordsAccess => false;

    public bool RejectsWhenFull { get; }

    public void OnRead(BoundedEntry<TKey, TValue> entry)
    {
    }

    public void OnInsert(BoundedEntry<TKey, TValue> entry, List<BoundedEntry<TKey, TValue>> victims)
    {
    }

    public void OnUpdate(BoundedEntry<TKey, TValue> entry)
    {
    }

    public void OnRemove(BoundedEntry<TKey, TValue> entry)
    {
    }

    public void OnReplace(BoundedEntry<TKey, TValue> entry, BoundedEntry<TKey, TValue> replacement)
    {
    }

    public void Clear()
    {
    }
}
