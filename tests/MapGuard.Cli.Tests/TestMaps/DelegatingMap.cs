using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace MapGuard.Cli.Tests;

/// <summary>Implements the contract by delegating, so test types below can be one line each.</summary>
public abstract class DelegatingMap<TKey, TValue> : IConcurrentMap<TKey, TValue>
    where TKey : notnull
{
    private readonly ConcurrentDictionaryMap<TKey, TValue> _inner = new();

    public virtual TValue this[TKey key] { get => _inner[key]; set => _inner[key] = value; }

    public int Count => _inner.Count;

    public bool IsEmpty => _inner.IsEmpty;

    public TValue AddOrUpdate(TKey key, TValue addValue, Func<TKey, TValue, TValue> updateValueFactory) => _inner.AddOrUpdate(key, addValue, updateValueFactory);

    public TValue AddOrUpdate(TKey key, Func<TKey, TValue> addValueFactory, Func<TKey, TValue, TValue> updateValueFactory) => _inner.AddOrUpdate(key, addValueFactory, updateValueFactory);

    public void Clear() => _inner.Clear();

    public bool ContainsKey(TKey key) => _inner.ContainsKey(key);

    public IEnumerator<KeyValuePair<TKey, TValue>> GetEnumerator() => _inner.GetEnumerator();

    public TValue GetOrAdd(TKey key, TValue value) => _inner.GetOrAdd(key, value);

    public TValue GetOrAdd(TKey key, Func<TKey, TValue> valueFactory) => _inner.GetOrAdd(key, valueFactory);

    public virtual bool TryAdd(TKey key, TValue value) => _inner.TryAdd(key, value);

    public virtual bool TryGetValue(TKey key, [MaybeNullWhen(false)] out TValue value) => _inner.TryGetValue(key, out value);

    public bool TryRemove(TKey key, [MaybeNullWhen(false)] out TValue value) => _inner.TryRemove(key, out value);

    public bool TryUpdate(TKey key, TValue newValue, TValue comparisonValue) => _inner.TryUpdate(key, newValue, comparisonValue);

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
