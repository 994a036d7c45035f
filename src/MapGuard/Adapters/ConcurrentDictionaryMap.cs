using System.Collections;
using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace MapGuard;

/// <summary>
/// <see cref="IConcurrentMap{TKey, TValue}"/> over the BCL <see cref="ConcurrentDictionary{TKey, TValue}"/>: the
/// reference row of every comparison, and the usual starting point of a migration. It adds no logic of its own.
/// </summary>
/// <remarks>
/// <para><b>Consistency:</b> as <see cref="ConcurrentDictionary{TKey, TValue}"/>. Reads are lock-free; writes lock one
/// of a set of striped locks. <see cref="Count"/> takes every lock and is exact. Enumeration is weakly consistent
/// and never throws. Value factories run outside the locks and may run more than once for one key; one result is
/// stored.</para>
/// <para><b>Progress:</b> reads are wait-free over the bucket chain; writes block on a stripe lock.</para>
/// </remarks>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="TValue">The value type.</typeparam>
public sealed class ConcurrentDictionaryMap<TKey, TValue> : IConcurrentMap<TKey, TValue>
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, TValue> _dictionary;

    /// <summary>Creates an empty map with the default comparer.</summary>
    public ConcurrentDictionaryMap()
        : this((IEqualityComparer<TKey>?)null)
    {
    }

    /// <summary>Creates an empty map.</summary>
    /// <param name="comparer">The key comparer, or null for <see cref="EqualityComparer{T}.Default"/>.</param>
    /// <remarks>
    /// Keys of the protected types (docs/design/hash-flooding.md) are hashed with this map's own seed rather than
    /// their <see cref="object.GetHashCode"/>, so chosen keys cannot make the dictionary quadratic; other keys are
    /// watched by <see cref="HashFloodMonitor"/>.
    /// </remarks>
    public ConcurrentDictionaryMap(IEqualityComparer<TKey>? comparer)
    {
        _dictionary = new ConcurrentDictionary<TKey, TValue>(Internal.KeyComparer<TKey>.ForCollection(comparer, this));
    }

    /// <summary>Wraps an existing dictionary. The map reads and writes it directly; nothing is copied.</summary>
    /// <remarks>The dictionary keeps its own comparer, so this map adds no hash-flooding protection to it.</remarks>
    /// <param name="dictionary">The dictionary to wrap.</param>
    /// <exception cref="ArgumentNullException"><paramref name="dictionary"/> is null.</exception>
    public ConcurrentDictionaryMap(ConcurrentDictionary<TKey, TValue> dictionary)
    {
        ArgumentNullException.ThrowIfNull(dictionary);
        _dictionary = dictionary;
    }

    /// <summary>Gets the wrapped dictionary.</summary>
    public ConcurrentDictionary<TKey, TValue> Inner => _dictionary;

    /// <inheritdoc/>
    public TValue this[TKey key] { get => _dictionary[key]; set => _dictionary[key] = value; }

    /// <inheritdoc/>
    /// <remarks>Exact: takes every stripe lock.</remarks>
    public int Count => _dictionary.Count;

    /// <inheritdoc/>
    public bool IsEmpty => _dictionary.IsEmpty;

    /// <inheritdoc/>
    public bool TryGetValue(TKey key, [MaybeNullWhen(false)] out TValue value) => _dictionary.TryGetValue(key, out value);

    /// <inheritdoc/>
    public bool TryAdd(TKey key, TValue value) => _dictionary.TryAdd(key, value);

    /// <inheritdoc/>
    public bool TryRemove(TKey key, [MaybeNullWhen(false)] out TValue value) => _dictionary.TryRemove(key, out value);

    /// <inheritdoc/>
    public bool TryUpdate(TKey key, TValue newValue, TValue comparisonValue) => _dictionary.TryUpdate(key, newValue, comparisonValue);

    /// <inheritdoc/>
    public TValue GetOrAdd(TKey key, TValue value) => _dictionary.GetOrAdd(key, value);

    /// <inheritdoc/>
    public TValue GetOrAdd(TKey key, Func<TKey, TValue> valueFactory) => _dictionary.GetOrAdd(key, valueFactory);

    /// <inheritdoc/>
    public TValue AddOrUpdate(TKey key, TValue addValue, Func<TKey, TValue, TValue> updateValueFactory) =>
        _dictionary.AddOrUpdate(key, addValue, updateValueFactory);

    /// <inheritdoc/>
    public TValue AddOrUpdate(TKey key, Func<TKey, TValue> addValueFactory, Func<TKey, TValue, TValue> updateValueFactory) =>
        _dictionary.AddOrUpdate(key, addValueFactory, updateValueFactory);

    /// <inheritdoc/>
    public bool ContainsKey(TKey key) => _dictionary.ContainsKey(key);

    /// <inheritdoc/>
    public void Clear() => _dictionary.Clear();

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<TKey, TValue>> GetEnumerator() => _dictionary.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
