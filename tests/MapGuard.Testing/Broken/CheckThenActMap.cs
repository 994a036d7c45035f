using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace MapGuard.Testing.Broken;

/// <summary>
/// A deliberately broken map: every single call is thread-safe (it forwards to a correct map), but
/// <see cref="TryAdd"/>, <see cref="GetOrAdd(TKey, TValue)"/> and both <c>AddOrUpdate</c> are check-then-act, so two
/// racing callers can both "win". The suites must catch it.
/// </summary>
public sealed class CheckThenActMap<TKey, TValue> : IConcurrentMap<TKey, TValue>
    where TKey : notnull
{
    private readonly IConcurrentMap<TKey, TValue> _inner;

    public CheckThenActMap(IConcurrentMap<TKey, TValue> inner) => _inner = inner;

    public TValue this[TKey key] { get => _inner[key]; set => _inner[key] = value; }

    public int Count => _inner.Count;

    public bool IsEmpty => _inner.IsEmpty;

    public bool TryAdd(TKey key, TValue value)
    {
        if (_inner.ContainsKey(key))
        {
            return false;
        }

        _inner[key] = value; // BUG (deliberate): another thread may have added the key since the check.
        return true;
    }

    public TValue GetOrAdd(TKey key, TValue value)
    {
        if (_inner.TryGetValue(key, out TValue? existing))
        {
            return existing;
        }

        _inner[key] = value; // BUG (deliberate)
        return value;
    }

    public TValue GetOrAdd(TKey key, Func<TKey, TValue> valueFactory) => GetOrAdd(key, valueFactory(key));

    public TValue AddOrUpdate(TKey key, TValue addValue, Func<TKey, TValue, TValue> updateValueFactory)
    {
        TValue next = _inner.TryGetValue(key, out TValue? current) ? updateValueFactory(key, current) : addValue;
        _inner[key] = next; // BUG (deliberate): a racing update is overwritten.
        return next;
    }

    public TValue AddOrUpdate(TKey key, Func<TKey, TValue> addValueFactory, Func<TKey, TValue, TValue> updateValueFactory) =>
        AddOrUpdate(key, addValueFactory(key), updateValueFactory);

    public bool TryGetValue(TKey key, [MaybeNullWhen(false)] out TValue value) => _inner.TryGetValue(key, out value);

    public bool TryRemove(TKey key, [MaybeNullWhen(false)] out TValue value) => _inner.TryRemove(key, out value);

    public bool TryUpdate(TKey key, TValue newValue, TValue comparisonValue) => _inner.TryUpdate(key, newValue, comparisonValue);

    public bool ContainsKey(TKey key) => _inner.ContainsKey(key);

    public void Clear() => _inner.Clear();

    public IEnumerator<KeyValuePair<TKey, TValue>> GetEnumerator() => _inner.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
