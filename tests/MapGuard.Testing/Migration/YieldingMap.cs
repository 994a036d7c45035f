using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace MapGuard.Testing.Migration;

/// <summary>
/// A chaos wrapper: forwards every call to another map, and after about one call in <c>2^shift</c> gives up the
/// thread (<see cref="Thread.Yield"/>), as a preemption between two steps of a caller would. Wrapped around the inner
/// maps of a migration, it widens every window between the migration's steps on them, for the real map and the naive
/// one alike, so races that a quiet machine shows rarely show within a bounded test.
/// </summary>
public sealed class YieldingMap<TKey, TValue> : IConcurrentMap<TKey, TValue>
    where TKey : notnull
{
    private readonly IConcurrentMap<TKey, TValue> _inner;
    private readonly int _mask;

    public YieldingMap(IConcurrentMap<TKey, TValue> inner, int shift = 3)
    {
        _inner = inner;
        _mask = (1 << shift) - 1;
    }

    public TValue this[TKey key]
    {
        get => After(_inner[key]);
        set
        {
            _inner[key] = value;
            MaybeYield();
        }
    }

    public int Count => _inner.Count;

    public bool IsEmpty => _inner.IsEmpty;

    public bool TryGetValue(TKey key, [MaybeNullWhen(false)] out TValue value) => After(_inner.TryGetValue(key, out value));

    public bool TryAdd(TKey key, TValue value) => After(_inner.TryAdd(key, value));

    public bool TryRemove(TKey key, [MaybeNullWhen(false)] out TValue value) => After(_inner.TryRemove(key, out value));

    public bool TryUpdate(TKey key, TValue newValue, TValue comparisonValue) => After(_inner.TryUpdate(key, newValue, comparisonValue));

    public TValue GetOrAdd(TKey key, TValue value) => After(_inner.GetOrAdd(key, value));

    public TValue GetOrAdd(TKey key, Func<TKey, TValue> valueFactory) => After(_inner.GetOrAdd(key, valueFactory));

    public TValue AddOrUpdate(TKey key, TValue addValue, Func<TKey, TValue, TValue> updateValueFactory) =>
        After(_inner.AddOrUpdate(key, addValue, updateValueFactory));

    public TValue AddOrUpdate(TKey key, Func<TKey, TValue> addValueFactory, Func<TKey, TValue, TValue> updateValueFactory) =>
        After(_inner.AddOrUpdate(key, addValueFactory, updateValueFactory));

    public bool ContainsKey(TKey key) => After(_inner.ContainsKey(key));

    public void Clear() => _inner.Clear();

    public IEnumerator<KeyValuePair<TKey, TValue>> GetEnumerator()
    {
        foreach (KeyValuePair<TKey, TValue> pair in _inner)
        {
            MaybeYield();
            yield return pair;
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private T After<T>(T result)
    {
        MaybeYield();
        return result;
    }

    private void MaybeYield()
    {
        if ((Random.Shared.Next() & _mask) == 0)
        {
            Thread.Yield();
        }
    }
}
