using MapGuard.Internal;
using MapGuard.Telemetry;

namespace MapGuard;

/// <remarks>
/// <para><b>Drop-in for <c>ConcurrentDictionary</c></b> (docs/design/drop-in.md): its constructors, <c>Comparer</c>,
/// <c>Keys</c>, <c>Values</c>, <c>ToArray</c>, the <c>TArg</c> overloads, <c>GetAlternateLookup</c>, an atomic <c>TryRemove(KeyValuePair)</c>, its
/// dictionary interfaces and its enumerator behaviour. Differences: <c>Keys</c>, <c>Values</c> and <c>ToArray</c> copy
/// a weakly consistent enumeration, not a moment-in-time snapshot. <c>ShardedMap(int, int)</c> takes
/// <c>ConcurrentDictionary</c>'s concurrency level and rounds it up to a power-of-two shard count, but <see
/// cref="ShardedMap{TKey, TValue}.ShardedMap(int, int, IEqualityComparer{TKey})"/>, whose parameter types are those of
/// <c>ConcurrentDictionary(concurrencyLevel, capacity, comparer)</c>, takes a shard count and requires a power of
/// two.</para>
/// </remarks>
public sealed partial class ShardedMap<TKey, TValue> : IOnceOps<TKey, TValue>
{
    // The GetOrAddOnce gate, created on first use. PUBLISHED BY: Interlocked.CompareExchange in FactoryGate.For;
    // READ WITH: Volatile.Read there.
    private FactoryGate<TKey>? _factoryGate;

    /// <summary>Creates a map holding the entries of <paramref name="collection"/>, with the default comparer.</summary>
    /// <param name="collection">The entries to copy.</param>
    /// <exception cref="ArgumentNullException"><paramref name="collection"/> or one of its keys is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="collection"/> holds a key twice.</exception>
    public ShardedMap(IEnumerable<KeyValuePair<TKey, TValue>> collection)
        : this(collection, null)
    {
    }

    /// <summary>Creates a map holding the entries of <paramref name="collection"/>.</summary>
    /// <param name="collection">The entries to copy.</param>
    /// <param name="comparer">The key comparer, or null for <see cref="EqualityComparer{T}.Default"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="collection"/> or one of its keys is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="collection"/> holds a key twice.</exception>
    public ShardedMap(IEnumerable<KeyValuePair<TKey, TValue>> collection, IEqualityComparer<TKey>? comparer)
        : this(DefaultShardCount, MapSurface<TKey, TValue>.CapacityOf(collection), comparer)
    {
        MapSurface<TKey, TValue>.Fill(this, collection);
    }

    /// <summary>Creates an empty map sized for <paramref name="capacity"/> entries (<c>ConcurrentDictionary</c>'s
    /// constructor). The concurrency level chooses the shard count: rounded up to a power of two (at most <see cref="MaxShardCount"/>), or <see cref="DefaultShardCount"/> for -1.</summary>
    /// <param name="concurrencyLevel">At least 1, or -1 for the default.</param>
    /// <param name="capacity">Entries to hold before the first resize.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="concurrencyLevel"/> is 0 or below -1, or
    /// <paramref name="capacity"/> is out of range.</exception>
    public ShardedMap(int concurrencyLevel, int capacity)
        : this(ShardCountFor(concurrencyLevel), capacity, null)
    {
    }

    /// <summary>Creates a map holding the entries of <paramref name="collection"/> (<c>ConcurrentDictionary</c>'s
    /// constructor). The concurrency level chooses the shard count: rounded up to a power of two (at most <see cref="MaxShardCount"/>), or <see cref="DefaultShardCount"/> for -1.</summary>
    /// <param name="concurrencyLevel">At least 1, or -1 for the default.</param>
    /// <param name="collection">The entries to copy.</param>
    /// <param name="comparer">The key comparer, or null for <see cref="EqualityComparer{T}.Default"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="collection"/> or one of its keys is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="concurrencyLevel"/> is 0 or below -1.</exception>
    /// <exception cref="ArgumentException"><paramref name="collection"/> holds a key twice.</exception>
    public ShardedMap(int concurrencyLevel, IEnumerable<KeyValuePair<TKey, TValue>> collection, IEqualityComparer<TKey>? comparer)
        : this(ShardCountFor(concurrencyLevel), MapSurface<TKey, TValue>.CapacityOf(collection), comparer)
    {
        MapSurface<TKey, TValue>.Fill(this, collection);
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
    /// <remarks>Under the key's shard lock, as <see cref="TryRemove(TKey, out TValue)"/>.</remarks>
    public bool TryRemove(KeyValuePair<TKey, TValue> item)
    {
        MapSurface<TKey, TValue>.ThrowIfItemKeyNull(item);
        uint hash = Hash(item.Key, out bool randomized);
        if (TryRemoveCore(item.Key, hash, randomized, out _, matchValue: true, item.Value))
        {
            _telemetry?.Count(MapCount.RemoveHit);
            return true;
        }

        _telemetry?.Count(MapCount.RemoveMiss);
        return false;
    }

    /// <inheritdoc/>
    /// <remarks>Weakly consistent and lock-free: it never throws; shard by shard, it walks each shard's bucket array
    /// as it was when the walk reached that shard.</remarks>
    public IEnumerator<KeyValuePair<TKey, TValue>> GetEnumerator() =>
        new MapEnumerator<ShardedMap<TKey, TValue>, TKey, TValue>(this, static map => map.Walk());

    /// <summary><c>ConcurrentDictionary</c>'s <c>concurrencyLevel</c> as a shard count.</summary>
    private static int ShardCountFor(int concurrencyLevel) =>
        MapSurface<TKey, TValue>.CheckConcurrencyLevel(concurrencyLevel) == -1
            ? DefaultShardCount
            : Math.Min(HashHelpers.RoundUpToPowerOf2(concurrencyLevel), MaxShardCount);

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

    bool IOnceOps<TKey, TValue>.TryGetValueQuiet(TKey key, out TValue value) => TryGetValueUncounted(key, out value!);

    bool IOnceOps<TKey, TValue>.ContainsKeyQuiet(TKey key) => TryGetValueUncounted(key, out _);

    bool IOnceOps<TKey, TValue>.TryAddQuiet(TKey key, TValue value)
    {
        uint hash = Hash(key, out bool randomized);
        return TryAddCore(key, hash, randomized, value, out _);
    }

    bool IOnceOps<TKey, TValue>.TryUpdateQuiet(TKey key, TValue newValue, TValue comparisonValue)
    {
        uint hash = Hash(key, out bool randomized);
        return TryUpdateCore(key, hash, randomized, newValue, comparisonValue);
    }

    TValue IOnceOps<TKey, TValue>.GetOrAddQuiet(TKey key, TValue value)
    {
        uint hash = Hash(key, out bool randomized);
        if (TryGetValueCore(key, ref hash, ref randomized, out TValue? existing))
        {
            return existing;
        }

        return TryAddCore(key, hash, randomized, value, out existing) ? value : existing;
    }
}
