using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace MapGuard.Tests.Migration;

/// <summary>A map that forwards to a <see cref="LockedMap{TKey, TValue}"/> and, when armed, throws from every write
/// (before changing anything) or from every remove, as a failing inner map would.</summary>
public sealed class FaultyMap<TKey, TValue> : IConcurrentMap<TKey, TValue>
    where TKey : notnull
{
    private readonly LockedMap<TKey, TValue> _inner = new();

    /// <summary>Gets or sets whether adds and updates throw.</summary>
    public bool FailWrites { get; set; }

    /// <summary>Gets or sets whether removes throw.</summary>
    public bool FailRemoves { get; set; }

    public TValue this[TKey key]
    {
        get => _inner[key];
        set
        {
            ThrowIf(FailWrites);
            _inner[key] = value;
        }
    }

    public int Count => _inner.Count;

    public bool IsEmpty => _inner.IsEmpty;

    public bool TryGetValue(TKey key, [MaybeNullWhen(false)] out TValue value) => _inner.TryGetValue(key, out value);

    public bool ContainsKey(TKey key) => _inner.ContainsKey(key);

    public bool TryAdd(TKey key, TValue value)
    {
        ThrowIf(FailWrites);
        return _inner.TryAdd(key, value);
    }

    public bool TryRemove(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        ThrowIf(FailRemoves);
        return _inner.TryRemove(key, out value);
    }

    public bool TryUpdate(TKey key, TValue newValue, TValue comparisonValue)
    {
        ThrowIf(FailWrites);
        return _inner.TryUpdate(key, newValue, comparisonValue);
    }

    public TValue GetOrAdd(TKey key, TValue value)
    {
        ThrowIf(FailWrites);
        return _inner.GetOrAdd(key, value);
    }

    public TValue GetOrAdd(TKey key, Func<TKey, TValue> valueFactory)
    {
        ThrowIf(FailWrites);
        return _inner.GetOrAdd(key, valueFactory);
    }

    public TValue AddOrUpdate(TKey key, TValue addValue, Func<TKey, TValue, TValue> updateValueFactory)
    {
        ThrowIf(FailWrites);
        return _inner.AddOrUpdate(key, addValue, updateValueFactory);
    }

    public TValue AddOrUpdate(TKey key, Func<TKey, TValue> addValueFactory, Func<TKey, TValue, TValue> updateValueFactory)
    {
        ThrowIf(FailWrites);
        return _inner.AddOrUpdate(key, addValueFactory, updateValueFactory);
    }

    public void Clear() => _inner.Clear();

    public IEnumerator<KeyValuePair<TKey, TValue>> GetEnumerator() => _inner.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static void ThrowIf(bool fail)
    {
        if (fail)
        {
            throw new InvalidOperationException("injected fault");
        }
    }
}
