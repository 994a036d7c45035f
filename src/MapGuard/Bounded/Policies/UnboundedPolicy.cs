namespace MapGuard.Bounded.Policies;

/// <summary>No capacity: the map only expires or notifies.</summary>
internal readonly struct UnboundedPolicy<TKey, TValue> : IEvictionPolicy<TKey, TValue>
{
    public bool RecordsAccess => false;

    public bool RejectsWhenFull => false;

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
