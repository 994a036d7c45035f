using MapGuard.Internal;
using MapGuard.Telemetry;

namespace MapGuard;

/// <remarks>
/// <para><b>Drop-in for <c>ConcurrentDictionary</c></b> (docs/design/drop-in.md): its constructors, <c>Comparer</c>,
/// <c>Keys</c>, <c>Values</c>, <c>ToArray</c>, the <c>TArg</c> overloads, <c>GetAlternateLookup</c>, an atomic <c>TryRemove(KeyValuePair)</c>, its
/// dictionary interfaces and its enumerator behaviour. Differences: <c>Keys</c>, <c>Values</c> and <c>ToArray</c> copy
/// a weakly consistent enumeration, not a moment-in-time snapshot. The concurrency level is checked and ignored; the
/// capacity is bounded.</para>
/// </remarks>
public sealed partial class LockFreeMap<TKey, TValue> : IOnceOps<TKey, TValue>
{
    // The GetOrAddOnce gate, created on first use. PUBLISHED BY: Interlocked.CompareExchange in FactoryGate.For;
    // READ WITH: Volatile.Read there.
    private FactoryGate<TKey>? _factoryGate;

    /// <summary>Creates a map holding the entries of <paramref name="collection"/>, with the default comparer.</summary>
    /// <param name="collection">The entries to copy.</param>
    /// <exception cref="ArgumentNullException"><paramref name="collection"/> or one of its keys is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="collection"/> holds a key twice.</exception>
    public LockFreeMap(IEnumerable<KeyValuePair<TKey, TValue>> collection)
        : this(collection, null)
    {
    }

    /// <summary>Creates a map holding the entries of <paramref name="collection"/>.</summary>
    /// <param name="collection">The entries to copy.</param>
    /// <param name="comparer">The key comparer, or null for <see cref="EqualityComparer{T}.Default"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="collection"/> or one of its keys is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="collection"/> holds a key twice.</exception>
    public LockFreeMap(IEnumerable<KeyValuePair<TKey, TValue>> collection, IEqualityComparer<TKey>? comparer)
        : this(MapSurface<TKey, TValue>.CapacityOf(collection), comparer)
    {
        MapSurface<TKey, TValue>.Fill(this, collection);
    }

    /// <summary>Creates an empty map sized for <paramref name="capacity"/> entries (<c>ConcurrentDictionary</c>'s
    /// constructor). The concurrency level is checked and otherwise ignored: the map has no locks to size.</summary>
    /// <param name="concurrencyLevel">At least 1, or -1 for the default.</param>
    /// <param name="capacity">Entries to hold before the first resize.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="concurrencyLevel"/> is 0 or below -1, or
    /// <paramref name="capacity"/> is out of range.</exception>
    public LockFreeMap(int concurrencyLevel, int capacity)
        : this(concurrencyLevel, capacity, null)
    {
    }

    /// <summary>Creates a map holding the entries of <paramref name="collection"/> (<c>ConcurrentDictionary</c>'s
    /// constructor). The concurrency level is checked and otherwise ignored: the map has no locks to size.</summary>
    /// <param name="concurrencyLevel">At least 1, or -1 for the default.</param>
    /// <param name="collection">The entries to copy.</param>
    /// <param name="comparer">The key comparer, or null for <see cref="EqualityComparer{T}.Default"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="collection"/> or one of its keys is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="concurrencyLevel"/> is 0 or below -1.</exception>
    /// <exception cref="ArgumentException"><paramref name="collection"/> holds a key twice.</exception>
    public LockFreeMap(int concurrencyLevel, IEnumerable<KeyValuePair<TKey, TValue>> collection, IEqualityComparer<TKey>? comparer)
        : this(MapSurface<TKey, TValue>.CapacityOf(concurrencyLevel, collection), comparer)
    {
        MapSurface<TKey, TValue>.Fill(this, collection);
    }

    /// <summary>Creates an empty map sized for <paramref name="capacity"/> entries (<c>ConcurrentDictionary</c>'s
    /// constructor). The concurrency level is checked and otherwise ignored: the map has no locks to size.</summary>
    /// <param name="concurrencyLevel">At least 1, or -1 for the default.</param>
    /// <param name="capacity">Entries to hold before the first resize.</param>
    /// <param name="comparer">The key comparer, or null for <see cref="EqualityComparer{T}.Default"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="concurrencyLevel"/> is 0 or below -1, or
    /// <paramref name="capacity"/> is out of range.</exception>
    public LockFreeMap(int concurrencyLevel, int capacity, IEqualityComparer<TKey>? comparer)
        : this(MapSurface<TKey, TValue>.CheckConcurrencyLevelAndCapacity(concurrencyLevel, capacity), comparer)
    {
    }

    /// <summary>Gets the key comparer: the one passed to the constructor, or <see cref="EqualityComparer{T}.Default"/>.</summary>
    public IEqualityComparer<TKey> Comparer => _keys.Comparer;

    /// <inheritdoc/>
    public ICollection<TKey> Keys => MapSurface<TKey, TValue>.Keys(this);

    /// <inheritdoc/>
    public ICollection<TValue> Values => MapSurface<TKey, TValue>.Values(this);

    /// <inheritdoc/>
    public KeyValuePair<TKey, TValue>[] ToArray() => MapSurface<TKey, TValue>.ToArray(this);

    /// <inheritdoc/>
    public TValue GetOrAdd<TArg>(TKey key, Func<TKey, TArg, TValue> valueFactory, TArg factoryArgument)
        where TArg : allows ref struct =>
        MapSurface<TKey, TValue>.GetOrAdd(this, key, valueFactory, factoryArgument);

    /// <inheritdoc/>
    public TValue AddOrUpdate<TArg>(TKey key, Func<TKey, TArg, TValue> addValueFactory, Func<TKey, TValue, TArg, TValue> updateValueFactory, TArg factoryArgument)
        where TArg : allows ref struct =>
        MapSurface<TKey, TValue>.AddOrUpdate(this, key, addValueFactory, updateValueFactory, factoryArgument);

    /// <inheritdoc/>
    /// <remarks>Lock-free: a compare-and-swap on the key's slot that succeeds only if the value it compared is still
    /// the slot's value.</remarks>
    public bool TryRemove(KeyValuePair<TKey, TValue> item)
    {
        MapSurface<TKey, TValue>.ThrowIfItemKeyNull(item);
        if (TryRemoveCore(item.Key, out _, matchValue: true, item.Value))
        {
            _telemetry?.Count(MapCount.RemoveHit);
            return true;
        }

        _telemetry?.Count(MapCount.RemoveMiss);
        return false;
    }

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

    bool IOnceOps<TKey, TValue>.TryGetValueQuiet(TKey key, out TValue value) => TryGetValueFast(key, out value!);

    bool IOnceOps<TKey, TValue>.ContainsKeyQuiet(TKey key) => TryGetValueFast(key, out _);

    bool IOnceOps<TKey, TValue>.TryAddQuiet(TKey key, TValue value) => TryAddCore(key, value, out _);

    bool IOnceOps<TKey, TValue>.TryUpdateQuiet(TKey key, TValue newValue, TValue comparisonValue) => TryUpdateCore(key, newValue, comparisonValue);

    TValue IOnceOps<TKey, TValue>.GetOrAddQuiet(TKey key, TValue value) =>
        TryGetValueFast(key, out TValue? existing) ? existing : TryAddCore(key, value, out existing) ? value : existing;
}
