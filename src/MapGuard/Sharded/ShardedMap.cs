using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using MapGuard.Internal;

namespace MapGuard;

/// <summary>
/// A map split into a power-of-two number of shards (128 by default). A write locks only its own shard; a read
/// takes no lock at all. Pick it for write-heavy mixes over many keys.
/// </summary>
/// <remarks>
/// <para><b>Consistency:</b> every single-key operation is linearizable. <see cref="Count"/> sums per-shard counts
/// without locking: exact when no write is in flight, otherwise a value the map held at some moment close to the
/// call. Enumeration is weakly consistent: it never throws, yields each key at most once per shard pass, and sees
/// a key that is neither added nor removed during the enumeration exactly once. <see cref="Clear"/> takes every
/// shard lock and is atomic.</para>
/// <para><b>Factories</b> run outside the locks. <c>GetOrAdd</c>'s factory can run more than once for one key when
/// callers race; one result is stored and returned to all of them. <c>AddOrUpdate</c>'s factories may run more than
/// once per call, retrying until the value they saw is the value they replace.</para>
/// <para><b>Progress:</b> reads are wait-free (a bounded chain walk, no lock, no retry). Writes block on their shard's
/// lock only; a resize of one shard never blocks another.</para>
/// </remarks>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="TValue">The value type.</typeparam>
public sealed partial class ShardedMap<TKey, TValue> : IConcurrentMap<TKey, TValue>
    where TKey : notnull
{
    /*
     * Concurrency: each Shard owns a chained hash table. Writers mutate a shard only under shard.Lock. Readers
     *   never lock: they read the shard's bucket array once, then walk a chain whose nodes are published with
     *   release stores. Keys and hashes of a node never change. A value is overwritten in place only when
     *   ValueTraits<TValue>.IsWriteAtomic; otherwise the node is replaced, so a reader never sees a torn value.
     * Memory ordering: a node is fully built before Volatile.Write links it (bucket head) or before the volatile
     *   Next store links it; readers use Volatile.Read of the head and the volatile Next, so they see whole nodes.
     *   A resized bucket array is built privately and published with Volatile.Write of shard.Buckets.
     * Progress: reads wait-free; writes blocking on one shard lock.
     * Resizing: per shard, under that shard's lock, when its count exceeds its bucket count (load factor 1). The new
     *   array gets fresh copies of the nodes, so the old array stays frozen and intact for readers still walking it.
     * References: the sharded-lock row of the seed article; lock striping from Java's ConcurrentHashMap (Lea) and the
     *   lock-free read path of .NET's ConcurrentDictionary (immutable-key nodes, volatile links).
     */

    /// <summary>The shard count used by the parameterless constructor, as in the seed article's design.</summary>
    public const int DefaultShardCount = 128;

    /// <summary>The largest shard count accepted; shard indexes come from the top 16 bits of the mixed hash.</summary>
    public const int MaxShardCount = 1 << 16;

    // Shards of up to 1,024 buckets (8 KB of bucket references) keep chains at load 1/2; see MaxLoad.
    private const int SmallShardBuckets = 1024;

    // Starting bucket count per shard: 128 shards x 4 buckets is a small map that costs about 5 KB empty.
    private const int MinBucketsPerShard = 4;

    private readonly Shard[] _shards;
    private readonly int _shardShift; // 32 - log2(shard count), applied to the top 32 bits of the spread hash
    private readonly int _shardBits;  // log2(shard count): the spread hash's top bits that choose the shard
    private readonly KeyComparer<TKey> _keys;

    /// <summary>Creates an empty map with <see cref="DefaultShardCount"/> shards and the default comparer.</summary>
    public ShardedMap()
        : this(DefaultShardCount, 0, null)
    {
    }

    /// <summary>Creates an empty map with <see cref="DefaultShardCount"/> shards.</summary>
    /// <param name="comparer">The key comparer, or null for <see cref="EqualityComparer{T}.Default"/>.</param>
    public ShardedMap(IEqualityComparer<TKey>? comparer)
        : this(DefaultShardCount, 0, comparer)
    {
    }

    /// <summary>Creates an empty map.</summary>
    /// <param name="shardCount">A power of two from 1 to <see cref="MaxShardCount"/>.</param>
    /// <param name="capacity">Entries to hold before shards start to resize; 0 for a small map.</param>
    /// <param name="comparer">The key comparer, or null for <see cref="EqualityComparer{T}.Default"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="shardCount"/> is not a power of two in range,
    /// or <paramref name="capacity"/> is negative.</exception>
    public ShardedMap(int shardCount, int capacity = 0, IEqualityComparer<TKey>? comparer = null)
    {
        if (shardCount < 1 || shardCount > MaxShardCount || (shardCount & (shardCount - 1)) != 0)
        {
            Throw.ArgumentOutOfRange(nameof(shardCount), shardCount, $"The shard count must be a power of two from 1 to {MaxShardCount}.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(capacity);

        _keys = new KeyComparer<TKey>(comparer);
        _shardBits = System.Numerics.BitOperations.Log2((uint)shardCount);
        _shardShift = 32 - _shardBits;

        int bucketsPerShard = HashHelpers.RoundUpToPowerOf2(Math.Max(MinBucketsPerShard, capacity / shardCount));

        // Allocate every lock first, then every shard: the locks' state words, written by writers, then sit
        // together away from the shards' bucket references that readers load.
        var locks = new Lock[shardCount];
        for (int i = 0; i < locks.Length; i++)
        {
            locks[i] = new Lock();
        }

        _shards = new Shard[shardCount];
        for (int i = 0; i < _shards.Length; i++)
        {
            _shards[i] = new Shard(locks[i], bucketsPerShard);
        }
    }

    /// <summary>Gets the number of shards.</summary>
    public int ShardCount => _shards.Length;

    /// <inheritdoc/>
    public TValue this[TKey key]
    {
        get
        {
            if (!TryGetValue(key, out TValue? value))
            {
                Throw.KeyNotFound(key);
            }

            return value;
        }
        set
        {
            KeyComparer<TKey>.ThrowIfNull(key);
            uint hash = _keys.Hash(key);
            SetCore(ref ShardFor(hash), key, hash, value);
        }
    }

    /// <inheritdoc/>
    /// <remarks>A sum of per-shard counts read without locks: exact when no write is in flight.</remarks>
    public int Count
    {
        get
        {
            int count = 0;
            for (int i = 0; i < _shards.Length; i++)
            {
                // RACE(benign): a shard may change right after it is read; the sum is documented as a snapshot.
                count += Volatile.Read(ref _shards[i].Count);
            }

            return count;
        }
    }

    /// <inheritdoc/>
    public bool IsEmpty
    {
        get
        {
            for (int i = 0; i < _shards.Length; i++)
            {
                if (Volatile.Read(ref _shards[i].Count) != 0)
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <inheritdoc/>
    public bool TryGetValue(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        KeyComparer<TKey>.ThrowIfNull(key);
        uint hash = _keys.Hash(key);
        return TryGetValueCore(ref ShardFor(hash), key, hash, out value);
    }

    /// <inheritdoc/>
    public bool ContainsKey(TKey key) => TryGetValue(key, out _);

    /// <inheritdoc/>
    public bool TryAdd(TKey key, TValue value)
    {
        KeyComparer<TKey>.ThrowIfNull(key);
        uint hash = _keys.Hash(key);
        return TryAddCore(ref ShardFor(hash), key, hash, value, out _);
    }

    /// <inheritdoc/>
    public bool TryRemove(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        KeyComparer<TKey>.ThrowIfNull(key);
        uint hash = _keys.Hash(key);
        return TryRemoveCore(ref ShardFor(hash), key, hash, out value);
    }

    /// <inheritdoc/>
    public bool TryUpdate(TKey key, TValue newValue, TValue comparisonValue)
    {
        KeyComparer<TKey>.ThrowIfNull(key);
        uint hash = _keys.Hash(key);
        return TryUpdateCore(ref ShardFor(hash), key, hash, newValue, comparisonValue);
    }

    /// <inheritdoc/>
    public TValue GetOrAdd(TKey key, TValue value)
    {
        KeyComparer<TKey>.ThrowIfNull(key);
        uint hash = _keys.Hash(key);
        ref Shard shard = ref ShardFor(hash);
        if (TryGetValueCore(ref shard, key, hash, out TValue? existing))
        {
            return existing;
        }

        return TryAddCore(ref shard, key, hash, value, out existing) ? value : existing;
    }

    /// <inheritdoc/>
    public TValue GetOrAdd(TKey key, Func<TKey, TValue> valueFactory)
    {
        KeyComparer<TKey>.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(valueFactory);

        uint hash = _keys.Hash(key);
        ref Shard shard = ref ShardFor(hash);
        if (TryGetValueCore(ref shard, key, hash, out TValue? existing))
        {
            return existing;
        }

        TValue value = valueFactory(key);
        return TryAddCore(ref shard, key, hash, value, out existing) ? value : existing;
    }

    /// <inheritdoc/>
    public TValue AddOrUpdate(TKey key, TValue addValue, Func<TKey, TValue, TValue> updateValueFactory)
    {
        KeyComparer<TKey>.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(updateValueFactory);

        return AddOrUpdateCore(key, addValue, null, updateValueFactory);
    }

    /// <inheritdoc/>
    public TValue AddOrUpdate(TKey key, Func<TKey, TValue> addValueFactory, Func<TKey, TValue, TValue> updateValueFactory)
    {
        KeyComparer<TKey>.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(addValueFactory);

        ArgumentNullException.ThrowIfNull(updateValueFactory);

        return AddOrUpdateCore(key, default!, addValueFactory, updateValueFactory);
    }

    /// <inheritdoc/>
    /// <remarks>Atomic: takes every shard lock, in index order, then empties every shard.</remarks>
    public void Clear()
    {
        int acquired = 0;
        try
        {
            for (; acquired < _shards.Length; acquired++)
            {
                _shards[acquired].Lock.Enter();
            }

            for (int i = 0; i < _shards.Length; i++)
            {
                _shards[i].Reset(MinBucketsPerShard);
            }
        }
        finally
        {
            for (int i = acquired - 1; i >= 0; i--)
            {
                _shards[i].Lock.Exit();
            }
        }
    }

    /// <summary>One walk of every shard, for <see cref="GetEnumerator"/>.</summary>
    private IEnumerator<KeyValuePair<TKey, TValue>> Walk()
    {
        for (int s = 0; s < _shards.Length; s++)
        {
            // ORDER: Volatile.Read pairs with the Volatile.Write that publishes a grown or cleared array.
            Node?[] buckets = Volatile.Read(ref _shards[s].Buckets);
            for (int i = 0; i < buckets.Length; i++)
            {
                // ORDER: pairs with the release store that linked each node.
                for (Node? node = Volatile.Read(ref buckets[i]); node is not null; node = node.Next)
                {
                    yield return new KeyValuePair<TKey, TValue>(node.Key, node.Value);
                }
            }
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private TValue AddOrUpdateCore(TKey key, TValue addValue, Func<TKey, TValue>? addValueFactory, Func<TKey, TValue, TValue> updateValueFactory)
    {
        uint hash = _keys.Hash(key);
        while (true)
        {
            // Factories run outside the lock. The update only lands if the value is still the one the factory saw,
            // so a racing writer makes this loop retry instead of being overwritten.
            if (TryGetValueCore(ref ShardFor(hash), key, hash, out TValue? current))
            {
                TValue updated = updateValueFactory(key, current);
                if (TryUpdateCore(ref ShardFor(hash), key, hash, updated, current))
                {
                    return updated;
                }
            }
            else
            {
                TValue added = addValueFactory is null ? addValue : addValueFactory(key);
                if (TryAddCore(ref ShardFor(hash), key, hash, added, out _))
                {
                    return added;
                }
            }
        }
    }

    /// <summary>
    /// The bucket of <paramref name="hash"/> in a shard's array of <paramref name="length"/>: the bits of the spread
    /// hash just below the ones that chose the shard (Fibonacci hashing).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int BucketOf(uint hash, int length) =>
        HashHelpers.TopBits(HashHelpers.Spread(hash) << _shardBits, HashHelpers.ShiftFor(length));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref Shard ShardFor(uint hash) => ref _shards[(int)((HashHelpers.Spread(hash) >> 32) >> _shardShift)];

    /// <summary>The shard index of <paramref name="key"/>, for tests of the spread.</summary>
    internal int ShardIndexOf(TKey key) => (int)((HashHelpers.Spread(_keys.Hash(key)) >> 32) >> _shardShift);
}
