using System.Collections;
using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using MapGuard.Internal;
using MapGuard.Telemetry;

namespace MapGuard;

/// <summary>
/// <see cref="IConcurrentMap{TKey, TValue}"/> over the BCL <see cref="ConcurrentDictionary{TKey, TValue}"/>: the
/// reference row of every comparison, and the usual starting point of a migration. It adds no logic of its own.
/// </summary>
/// <remarks>
/// <para><b>Consistency:</b> as <see cref="ConcurrentDictionary{TKey, TValue}"/>. Reads are lock-free; writes lock one
/// of a set of striped locks. <see cref="Count"/> takes every lock and is exact. Enumeration is weakly consistent
/// and never throws. Value factories run outside the locks and may run more than once for one key; one result is
/// stored. <c>GetOrAddOnce</c> and <c>AddOrUpdateOnce</c>, which <c>ConcurrentDictionary</c> lacks, run an absent key's
/// add factory at most once among racing callers (a per-key gate; docs/design/drop-in.md).</para>
/// <para><b>Progress:</b> reads are wait-free over the bucket chain; writes block on a stripe lock.</para>
/// <para><b>Drop-in:</b> every <c>ConcurrentDictionary</c> constructor, member and interface, forwarded to the wrapped
/// dictionary (docs/design/drop-in.md).</para>
/// </remarks>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="TValue">The value type.</typeparam>
public sealed class ConcurrentDictionaryMap<TKey, TValue> : IConcurrentMap<TKey, TValue>, IOnceOps<TKey, TValue>
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, TValue> _dictionary;
    private readonly IEqualityComparer<TKey> _comparer; // the user's, for Comparer; _dictionary may hold a seeded wrapper

    // The GetOrAddOnce gate, created on first use. PUBLISHED BY: Interlocked.CompareExchange in FactoryGate.For;
    // READ WITH: Volatile.Read there.
    private FactoryGate<TKey>? _factoryGate;

    // The counter of a map built WithMetrics(): null when metrics are off, or when a bounded map around this one counts
    // its operations. Set once in the constructor.
    private readonly MapTelemetry? _telemetry;
    private readonly MapLabel _label = new(null); // the name and hash-flood flag; the builder's constructor replaces it

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
    /// watched by <see cref="HashFloodMonitor"/>. Every constructor that takes a comparer does the same.
    /// </remarks>
    public ConcurrentDictionaryMap(IEqualityComparer<TKey>? comparer)
    {
        _dictionary = new ConcurrentDictionary<TKey, TValue>(Internal.KeyComparer<TKey>.ForCollection(comparer, this, _label));
        _comparer = comparer ?? EqualityComparer<TKey>.Default;
    }

    /// <summary>A map built by <see cref="MapBuilder{TKey, TValue}"/>: named, and metered when <paramref name="wiring"/> has telemetry.</summary>
    internal ConcurrentDictionaryMap(IEqualityComparer<TKey>? comparer, MapWiring wiring)
    {
        _label = new MapLabel(wiring.Name);
        _telemetry = wiring.Operations;
        _dictionary = new ConcurrentDictionary<TKey, TValue>(Internal.KeyComparer<TKey>.ForCollection(comparer, this, _label));
        _comparer = comparer ?? EqualityComparer<TKey>.Default;
    }

    /// <summary>Creates a map holding the entries of <paramref name="collection"/>, with the default comparer.</summary>
    /// <param name="collection">The entries to copy.</param>
    /// <exception cref="ArgumentNullException"><paramref name="collection"/> or one of its keys is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="collection"/> holds a key twice.</exception>
    public ConcurrentDictionaryMap(IEnumerable<KeyValuePair<TKey, TValue>> collection)
        : this(collection, null)
    {
    }

    /// <summary>Creates a map holding the entries of <paramref name="collection"/>.</summary>
    /// <param name="collection">The entries to copy.</param>
    /// <param name="comparer">The key comparer, or null for <see cref="EqualityComparer{T}.Default"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="collection"/> or one of its keys is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="collection"/> holds a key twice.</exception>
    public ConcurrentDictionaryMap(IEnumerable<KeyValuePair<TKey, TValue>> collection, IEqualityComparer<TKey>? comparer)
    {
        _dictionary = new ConcurrentDictionary<TKey, TValue>(collection, Internal.KeyComparer<TKey>.ForCollection(comparer, this, _label));
        _comparer = comparer ?? EqualityComparer<TKey>.Default;
    }

    /// <summary>Creates an empty map: <c>ConcurrentDictionary</c>'s constructor.</summary>
    /// <param name="concurrencyLevel">The number of stripe locks, or -1 for the default.</param>
    /// <param name="capacity">The initial number of buckets.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="concurrencyLevel"/> is 0 or below -1, or
    /// <paramref name="capacity"/> is negative.</exception>
    public ConcurrentDictionaryMap(int concurrencyLevel, int capacity)
        : this(concurrencyLevel, capacity, null)
    {
    }

    /// <summary>Creates a map holding the entries of <paramref name="collection"/>: <c>ConcurrentDictionary</c>'s constructor.</summary>
    /// <param name="concurrencyLevel">The number of stripe locks, or -1 for the default.</param>
    /// <param name="collection">The entries to copy.</param>
    /// <param name="comparer">The key comparer, or null for <see cref="EqualityComparer{T}.Default"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="collection"/> or one of its keys is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="concurrencyLevel"/> is 0 or below -1.</exception>
    /// <exception cref="ArgumentException"><paramref name="collection"/> holds a key twice.</exception>
    public ConcurrentDictionaryMap(int concurrencyLevel, IEnumerable<KeyValuePair<TKey, TValue>> collection, IEqualityComparer<TKey>? comparer)
    {
        _dictionary = new ConcurrentDictionary<TKey, TValue>(concurrencyLevel, collection, Internal.KeyComparer<TKey>.ForCollection(comparer, this, _label));
        _comparer = comparer ?? EqualityComparer<TKey>.Default;
    }

    /// <summary>Creates an empty map: <c>ConcurrentDictionary</c>'s constructor.</summary>
    /// <param name="concurrencyLevel">The number of stripe locks, or -1 for the default.</param>
    /// <param name="capacity">The initial number of buckets.</param>
    /// <param name="comparer">The key comparer, or null for <see cref="EqualityComparer{T}.Default"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="concurrencyLevel"/> is 0 or below -1, or
    /// <paramref name="capacity"/> is negative.</exception>
    public ConcurrentDictionaryMap(int concurrencyLevel, int capacity, IEqualityComparer<TKey>? comparer)
    {
        _dictionary = new ConcurrentDictionary<TKey, TValue>(concurrencyLevel, capacity, Internal.KeyComparer<TKey>.ForCollection(comparer, this, _label));
        _comparer = comparer ?? EqualityComparer<TKey>.Default;
    }

    /// <summary>Wraps an existing dictionary. The map reads and writes it directly; nothing is copied.</summary>
    /// <remarks>The dictionary keeps its own comparer, so this map adds no hash-flooding protection to it.</remarks>
    /// <param name="dictionary">The dictionary to wrap.</param>
    /// <exception cref="ArgumentNullException"><paramref name="dictionary"/> is null.</exception>
    public ConcurrentDictionaryMap(ConcurrentDictionary<TKey, TValue> dictionary)
    {
        ArgumentNullException.ThrowIfNull(dictionary);
        _dictionary = dictionary;
        _comparer = dictionary.Comparer;
    }

    /// <summary>Gets the wrapped dictionary.</summary>
    public ConcurrentDictionary<TKey, TValue> Inner => _dictionary;

    /// <inheritdoc/>
    public TValue this[TKey key]
    {
        get
        {
            if (_telemetry is null)
            {
                return _dictionary[key];
            }

            if (!TryGetValue(key, out TValue? value))
            {
                Throw.KeyNotFound(key);
            }

            return value;
        }

        set
        {
            Internal.KeyComparer<TKey>.ThrowIfNull(key);
            _dictionary[key] = value;
            _telemetry?.Count(MapCount.SetStored);
        }
    }

    /// <inheritdoc/>
    /// <remarks>Exact: takes every stripe lock.</remarks>
    public int Count => _dictionary.Count;

    /// <inheritdoc/>
    public bool IsEmpty => _dictionary.IsEmpty;

    /// <inheritdoc/>
    public bool TryGetValue(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        Internal.KeyComparer<TKey>.ThrowIfNull(key);
        if (_dictionary.TryGetValue(key, out value))
        {
            _telemetry?.Count(MapCount.GetHit);
            return true;
        }

        _telemetry?.Count(MapCount.GetMiss);
        return false;
    }

    /// <inheritdoc/>
    public bool TryAdd(TKey key, TValue value)
    {
        Internal.KeyComparer<TKey>.ThrowIfNull(key);
        if (_dictionary.TryAdd(key, value))
        {
            _telemetry?.Count(MapCount.AddStored);
            return true;
        }

        _telemetry?.Count(MapCount.AddRejected);
        return false;
    }

    /// <inheritdoc/>
    public bool TryRemove(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        Internal.KeyComparer<TKey>.ThrowIfNull(key);
        if (_dictionary.TryRemove(key, out value))
        {
            _telemetry?.Count(MapCount.RemoveHit);
            return true;
        }

        _telemetry?.Count(MapCount.RemoveMiss);
        return false;
    }

    /// <inheritdoc/>
    public bool TryRemove(KeyValuePair<TKey, TValue> item)
    {
        MapSurface<TKey, TValue>.ThrowIfItemKeyNull(item);
        if (_dictionary.TryRemove(item))
        {
            _telemetry?.Count(MapCount.RemoveHit);
            return true;
        }

        _telemetry?.Count(MapCount.RemoveMiss);
        return false;
    }

    /// <inheritdoc/>
    public bool TryUpdate(TKey key, TValue newValue, TValue comparisonValue)
    {
        Internal.KeyComparer<TKey>.ThrowIfNull(key);
        if (_dictionary.TryUpdate(key, newValue, comparisonValue))
        {
            _telemetry?.Count(MapCount.UpdateStored);
            return true;
        }

        _telemetry?.Count(MapCount.UpdateMiss);
        return false;
    }

    /// <inheritdoc/>
    public TValue GetOrAdd(TKey key, TValue value)
    {
        // Metered, the lookup comes first, so a hit counts as a get and a miss as a get and an add.
        if (_telemetry is { } telemetry && MapSurface<TKey, TValue>.CountGetOrAddOnce(this, telemetry, key, out TValue? existing))
        {
            return existing;
        }

        return MapSurface<TKey, TValue>.Added(_telemetry, _dictionary.GetOrAdd(key, value));
    }

    /// <inheritdoc/>
    public TValue GetOrAdd(TKey key, Func<TKey, TValue> valueFactory)
    {
        ArgumentNullException.ThrowIfNull(valueFactory);
        if (_telemetry is { } telemetry && MapSurface<TKey, TValue>.CountGetOrAddOnce(this, telemetry, key, out TValue? existing))
        {
            return existing;
        }

        return MapSurface<TKey, TValue>.Added(_telemetry, _dictionary.GetOrAdd(key, valueFactory));
    }

    /// <inheritdoc/>
    public TValue AddOrUpdate(TKey key, TValue addValue, Func<TKey, TValue, TValue> updateValueFactory)
    {
        Internal.KeyComparer<TKey>.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(updateValueFactory);
        TValue result = _dictionary.AddOrUpdate(key, addValue, updateValueFactory);
        _telemetry?.Count(MapCount.UpdateStored);
        return result;
    }

    /// <inheritdoc/>
    public TValue AddOrUpdate(TKey key, Func<TKey, TValue> addValueFactory, Func<TKey, TValue, TValue> updateValueFactory)
    {
        Internal.KeyComparer<TKey>.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(addValueFactory);
        ArgumentNullException.ThrowIfNull(updateValueFactory);
        TValue result = _dictionary.AddOrUpdate(key, addValueFactory, updateValueFactory);
        _telemetry?.Count(MapCount.UpdateStored);
        return result;
    }

    /// <inheritdoc/>
    public TValue GetOrAdd<TArg>(TKey key, Func<TKey, TArg, TValue> valueFactory, TArg factoryArgument)
        where TArg : allows ref struct =>
        _telemetry is null
            ? _dictionary.GetOrAdd(key, valueFactory, factoryArgument)
            : MapSurface<TKey, TValue>.GetOrAdd(this, key, valueFactory, factoryArgument); // counted as the other maps count it

    /// <inheritdoc/>
    public TValue AddOrUpdate<TArg>(TKey key, Func<TKey, TArg, TValue> addValueFactory, Func<TKey, TValue, TArg, TValue> updateValueFactory, TArg factoryArgument)
        where TArg : allows ref struct =>
        _telemetry is null
            ? _dictionary.AddOrUpdate(key, addValueFactory, updateValueFactory, factoryArgument)
            : MapSurface<TKey, TValue>.AddOrUpdate(this, key, addValueFactory, updateValueFactory, factoryArgument);

    /// <inheritdoc/>
    /// <remarks>The gate claims keys under this map's <see cref="Comparer"/>, one key at a time
    /// (docs/design/drop-in.md); it is allocated on the first <c>Once</c> call.</remarks>
    public TValue GetOrAddOnce(TKey key, Func<TKey, TValue> valueFactory) =>
        MapSurface<TKey, TValue>.CountedGetOrAddOnce(this, _telemetry, ref _factoryGate, Comparer, key, valueFactory);

    /// <inheritdoc/>
    public TValue GetOrAddOnce<TArg>(TKey key, Func<TKey, TArg, TValue> valueFactory, TArg factoryArgument)
        where TArg : allows ref struct =>
        MapSurface<TKey, TValue>.CountedGetOrAddOnce(this, _telemetry, ref _factoryGate, Comparer, key, valueFactory, factoryArgument);

    /// <inheritdoc/>
    public TValue AddOrUpdateOnce(TKey key, Func<TKey, TValue> addValueFactory, Func<TKey, TValue, TValue> updateValueFactory)
    {
        TValue result = MapSurface<TKey, TValue>.AddOrUpdateOnce(this, FactoryGate<TKey>.For(ref _factoryGate, Comparer), key, addValueFactory, updateValueFactory);
        _telemetry?.Count(MapCount.UpdateStored);
        return result;
    }

    /// <inheritdoc/>
    public TValue AddOrUpdateOnce<TArg>(TKey key, Func<TKey, TArg, TValue> addValueFactory, Func<TKey, TValue, TArg, TValue> updateValueFactory, TArg factoryArgument)
        where TArg : allows ref struct
    {
        TValue result = MapSurface<TKey, TValue>.AddOrUpdateOnce(this, FactoryGate<TKey>.For(ref _factoryGate, Comparer), key, addValueFactory, updateValueFactory, factoryArgument);
        _telemetry?.Count(MapCount.UpdateStored);
        return result;
    }

    /// <inheritdoc/>
    public bool ContainsKey(TKey key) => TryGetValue(key, out _);

    /// <summary>Gets the key comparer: the one passed to the constructor (or the wrapped dictionary's), or
    /// <see cref="EqualityComparer{T}.Default"/>.</summary>
    public IEqualityComparer<TKey> Comparer => _comparer;

    /// <inheritdoc/>
    /// <remarks>Exact: taken under every stripe lock.</remarks>
    public ICollection<TKey> Keys => _dictionary.Keys;

    /// <inheritdoc/>
    /// <remarks>Exact: taken under every stripe lock.</remarks>
    public ICollection<TValue> Values => _dictionary.Values;

    /// <inheritdoc/>
    /// <remarks>Exact: taken under every stripe lock.</remarks>
    public KeyValuePair<TKey, TValue>[] ToArray() => _dictionary.ToArray();

    /// <inheritdoc/>
    public void Clear() => _dictionary.Clear();

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<TKey, TValue>> GetEnumerator() => _dictionary.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    // The dictionary's own snapshots, exact under every stripe lock, rather than IConcurrentMap's enumeration copies.

    ICollection IDictionary.Keys => ((IDictionary)_dictionary).Keys;

    ICollection IDictionary.Values => ((IDictionary)_dictionary).Values;

    void ICollection<KeyValuePair<TKey, TValue>>.CopyTo(KeyValuePair<TKey, TValue>[] array, int arrayIndex) =>
        ((ICollection<KeyValuePair<TKey, TValue>>)_dictionary).CopyTo(array, arrayIndex);

    void ICollection.CopyTo(Array array, int index) => ((ICollection)_dictionary).CopyTo(array, index);

    bool IOnceOps<TKey, TValue>.TryGetValueQuiet(TKey key, out TValue value) => _dictionary.TryGetValue(key, out value!);

    bool IOnceOps<TKey, TValue>.ContainsKeyQuiet(TKey key) => _dictionary.ContainsKey(key);

    bool IOnceOps<TKey, TValue>.TryAddQuiet(TKey key, TValue value) => _dictionary.TryAdd(key, value);

    bool IOnceOps<TKey, TValue>.TryUpdateQuiet(TKey key, TValue newValue, TValue comparisonValue) => _dictionary.TryUpdate(key, newValue, comparisonValue);

    TValue IOnceOps<TKey, TValue>.GetOrAddQuiet(TKey key, TValue value) => _dictionary.GetOrAdd(key, value);
}
