namespace MapGuard.Bounded.Policies;

/// <summary><see cref="Eviction.Reject"/>: nothing is evicted; the map refuses new keys once full.</summary>
internal readonly struct RejectPolicy<TKey, TValue> : IEvictionPolicy<TKey, TValue>
{
    public bool RecordsAccess => false;

    public bool RejectsWhenFull => true;

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
