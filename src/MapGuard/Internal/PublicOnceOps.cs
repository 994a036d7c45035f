namespace MapGuard.Internal;

/// <summary>The <c>Once</c> building blocks of a map MapGuard knows only through <see cref="IConcurrentMap{TKey, TValue}"/>.</summary>
internal readonly struct PublicOnceOps<TKey, TValue>(IConcurrentMap<TKey, TValue> map) : IOnceOps<TKey, TValue>
    where TKey : notnull
{
    public bool TryGetValueQuiet(TKey key, out TValue value) => map.TryGetValue(key, out value!);

    public bool ContainsKeyQuiet(TKey key) => map.ContainsKey(key);

    public bool TryAddQuiet(TKey key, TValue value) => map.TryAdd(key, value);

    public bool TryUpdateQuiet(TKey key, TValue newValue, TValue comparisonValue) => map.TryUpdate(key, newValue, comparisonValue);

    public TValue GetOrAddQuiet(TKey key, TValue value) => map.GetOrAdd(key, value);
}
