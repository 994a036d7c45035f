using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using MapGuard.Internal;

namespace MapGuard;

/// <summary>
/// A map split into a power-of-two number of shards (<see cref="DefaultShardCount"/> by default). A write locks only
/// its own shard; a read takes no lock at all. Pick it for write-heavy mixes over many keys.
/// </summary>
/// <remarks>
/// <para><b>Consistency:</b> every single-key operation is linearizable. <see cref="Count"/> sums per-shard counts
/// without locking: exact when no write takes effect during the call; otherwise it can differ from every count the map
/// held during the call, by at most the number of writes that took effect during it. Enumeration is weakly
/// consistent: it never throws, yields each key at most once, and sees a key that is neither added nor removed during
/// the enumeration exactly once. <see cref="Clear"/> is atomic to readers and writers: a read sees the map before it
/// or the empty map after it, never a part of it cleared.</para>
/// <para><b>Factories</b> run outside the locks. <c>GetOrAdd</c>'s factory can run more than once for one key when
/// callers race; one result is stored and returned to all of them. <c>AddOrUpdate</c>'s factories may run more than
/// once per call, retrying until the value they saw is the value they replace.</para>
/// <para><b>Progress:</b> reads are wait-free (a bounded chain walk, no lock, no retry). Writes block on their shard's
/// lock only; a resize of one shard never blocks another. <see cref="Clear"/> waits for every shard lock, and writes
/// wait for it.</para>
/// </remarks>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="TValue">The value type.</typeparam>
public sealed partial class ShardedMap<TKey, TValue> : IConcurrentMap<TKey, TValue>
    where TKey : notnull
{
    /*
     * Concurrency: each Shard owns a chained hash table. Writers mutate a shard only under shard.Lock, and only after
     *   checking under that lock that its shard array is still _shards (EnterShard). Readers never lock: they read
     *   _shards once, then the shard's bucket array once, then walk a chain whose nodes are published with release
     *   stores. Keys and hashes of a node never change. A value is overwritten in place only when
     *   ValueTraits<TValue>.IsWriteAtomic; otherwise the node is replaced, so a reader never sees a torn value.
     *   Clear publishes a new array of empty shards (sharing the old array's Lock objects) with one store while it
     *   holds every shard lock, so a reader sees the whole old map or the whole empty one; the old array is frozen.
     * Memory ordering (rules of the .NET memory model, docs/design/specs/Memory-model.md in dotnet/runtime):
     *   - Volatile.Write is a release and Volatile.Read an acquire. A node is fully built before the release store that
     *     links it (Volatile.Write of a bucket head, or the volatile Next field); readers load the head with
     *     Volatile.Read and follow the volatile Next, so they see whole nodes. A grown bucket array (Grow) and Clear's
     *     array of empty shards are built privately and published with Volatile.Write, read with Volatile.Read.
     *   - Lock acquire and release order what a writer does under shard.Lock, including its check of _shards, against
     *     Clear's store of _shards, which happens under every shard lock.
     *   - Shard.Count is written with Volatile.Write after the node's release store and read with Volatile.Read.
     *   - An in-place value store is atomic because the model makes aligned accesses of references and of primitives
     *     no wider than a pointer atomic (ValueTraits<TValue>.IsWriteAtomic).
     * Progress: reads wait-free; writes blocking on one shard lock; Clear blocks on every shard lock.
     * Resizing: per shard, under that shard's lock, when its count passes MaxLoad of its bucket count (load 1/2 up to
     *   SmallShardBuckets buckets, load 1 above). The new array gets fresh copies of the nodes, so the old array stays
     *   frozen and intact for readers still walking it.
     * References: the sharded-lock row of the seed article; lock striping from Java's ConcurrentHashMap (Lea) and the
     *   lock-free read path of .NET's ConcurrentDictionary (immutable-key nodes, volatile links, and a Clear that
     *   installs new tables under every lock).
     */

    /// <summary>The shard count used by the parameterless constructor, as in the seed article's design.</summary>
    public const int DefaultShardCount = 128;

    /// <summary>The largest shard count accepted; shard indexes come from the top 16 bits of the mixed hash.</summary>
    public const int MaxShardCount = 1 << 16;

    /// <summary>
    /// The largest <c>capacity</c> the constructor accepts: one shard's bucket array can then reach 2^30 references
    /// (8 GB), and a larger request is a mistake rather than a plan.
    /// </summary>
    public const int MaxCapacity = 1 << 30;

    // Shards of up to 1,024 buckets (8 KB of bucket references) keep chains at load 1/2; see MaxLoad.
    private const int SmallShardBuckets = 1024;

    // Starting bucket count per shard, and the count Clear leaves: a small map that costs little empty.
    private const int MinBucketsPerShard = 4;

    // PUBLISHED BY: the constructor, then Volatile.Write in Clear while it holds every shard lock (the arrays share
    // their Lock objects). READ WITH: Volatile.Read into a local, once per operation; writers read it again under
    // their shard lock to check that the array they locked in is still the current one.
    private Shard[] _shards;
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
    /// <param name="capacity">Entries to hold before shards start to resize, from 0 (a small map) to
    /// <see cref="MaxCapacity"/>.</param>
    /// <param name="comparer">The key comparer, or null for <see cref="EqualityComparer{T}.Default"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="shardCount"/> is not a power of two in range,
    /// or <paramref name="capacity"/> is negative or above <see cref="MaxCapacity"/>.</exception>
    public ShardedMap(int shardCount, int capacity = 0, IEqualityComparer<TKey>? comparer = null)
    {
        if (shardCount < 1 || shardCount > MaxShardCount || (shardCount & (shardCount - 1)) != 0)
        {
            Throw.ArgumentOutOfRange(nameof(shardCount), shardCount, $"The shard count must be a power of two from 1 to {MaxShardCount}.");
        }

        if (capacity < 0 || capacity > MaxCapacity)
        {
            Throw.ArgumentOutOfRange(nameof(capacity), capacity, $"The capacity must be from 0 to {MaxCapacity}.");
        }

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

        var shards = new Shard[shardCount];
        for (int i = 0; i < shards.Length; i++)
        {
            shards[i] = new Shard(locks[i], bucketsPerShard);
        }

        _shards = shards;
    }

    /// <summary>Gets the number of shards.</summary>
    public int ShardCount => 1 << _shardBits;

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
            SetCore(key, _keys.Hash(key), value);
        }
    }

    /// <inheritdoc/>
    /// <remarks>
    /// A sum of per-shard counts read one after another without locks: exact when no write takes effect during the
    /// call. Otherwise each shard contributes its count at the moment it was read, so the sum can differ from every
    /// count the map held during the call, by at most the number of writes that took effect during it.
    /// </remarks>
    public int Count
    {
        get
        {
            // ORDER: Volatile.Read (acquire) of the current array; see TryGetValueCore.
            Shard[] shards = Volatile.Read(ref _shards);
            int count = 0;
            for (int i = 0; i < shards.Length; i++)
            {
                // RACE(benign): a shard may change right after it is read; the remarks say what the sum means.
                count += Volatile.Read(ref shards[i].Count);
            }

            return count;
        }
    }

    /// <inheritdoc/>
    /// <remarks>Reads the shard counts as <see cref="Count"/> does: exact when no write takes effect during the call.</remarks>
    public bool IsEmpty
    {
        get
        {
            // ORDER: Volatile.Read (acquire) of the current array; see TryGetValueCore.
            Shard[] shards = Volatile.Read(ref _shards);
            for (int i = 0; i < shards.Length; i++)
            {
                if (Volatile.Read(ref shards[i].Count) != 0)
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
        return TryGetValueCore(key, _keys.Hash(key), out value);
    }

    /// <inheritdoc/>
    public bool ContainsKey(TKey key) => TryGetValue(key, out _);

    /// <inheritdoc/>
    public bool TryAdd(TKey key, TValue value)
    {
        KeyComparer<TKey>.ThrowIfNull(key);
        return TryAddCore(key, _keys.Hash(key), value, out _);
    }

    /// <inheritdoc/>
    public bool TryRemove(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        KeyComparer<TKey>.ThrowIfNull(key);
        return TryRemoveCore(key, _keys.Hash(key), out value);
    }

    /// <inheritdoc/>
    public bool TryUpdate(TKey key, TValue newValue, TValue comparisonValue)
    {
        KeyComparer<TKey>.ThrowIfNull(key);
        return TryUpdateCore(key, _keys.Hash(key), newValue, comparisonValue);
    }

    /// <inheritdoc/>
    public TValue GetOrAdd(TKey key, TValue value)
    {
        KeyComparer<TKey>.ThrowIfNull(key);
        uint hash = _keys.Hash(key);
        if (TryGetValueCore(key, hash, out TValue? existing))
        {
            return existing;
        }

        return TryAddCore(key, hash, value, out existing) ? value : existing;
    }

    /// <inheritdoc/>
    public TValue GetOrAdd(TKey key, Func<TKey, TValue> valueFactory)
    {
        KeyComparer<TKey>.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(valueFactory);

        uint hash = _keys.Hash(key);
        if (TryGetValueCore(key, hash, out TValue? existing))
        {
            return existing;
        }

        TValue value = valueFactory(key);
        return TryAddCore(key, hash, value, out existing) ? value : existing;
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
    /// <remarks>
    /// Atomic, to readers as well as writers: it builds a new array of empty shards, then takes every shard lock in
    /// index order and publishes the new array with one store. A read sees the whole map as it was before the Clear or
    /// the empty map after it, never some shards emptied and others not.
    /// </remarks>
    public void Clear()
    {
        // Every array holds the same Lock objects, so the locks of the array read here are the current array's too.
        Shard[] current = Volatile.Read(ref _shards);
        var empty = new Shard[current.Length];
        for (int i = 0; i < empty.Length; i++)
        {
            empty[i] = new Shard(current[i].Lock, MinBucketsPerShard);
        }

        int acquired = 0;
        try
        {
            for (; acquired < current.Length; acquired++)
            {
                current[acquired].Lock.Enter();
            }

            // LINEARIZATION POINT. ORDER: Volatile.Write (release): the empty shards are built before any reader can
            // reach them through the Volatile.Read (acquire) in TryGetValueCore. Made while every shard lock is held,
            // so no writer is inside the old array, and a writer that locks a shard afterwards sees this store (lock
            // release/acquire) when it checks the array in EnterShard, and moves to the new one. The old array stays
            // as it was, frozen, for readers that loaded it before this store.
            Volatile.Write(ref _shards, empty);
        }
        finally
        {
            for (int i = acquired - 1; i >= 0; i--)
            {
                current[i].Lock.Exit();
            }
        }
    }

    /// <summary>One walk of every shard, for <see cref="GetEnumerator"/>.</summary>
    private IEnumerator<KeyValuePair<TKey, TValue>> Walk()
    {
        // ORDER: Volatile.Read (acquire) of the current shard array, once: an enumeration that a Clear overtakes goes on
        // through the old, frozen array.
        Shard[] shards = Volatile.Read(ref _shards);
        for (int s = 0; s < shards.Length; s++)
        {
            // ORDER: Volatile.Read (acquire); pairs with the Volatile.Write (release) in Grow that publishes a built array.
            Node?[] buckets = Volatile.Read(ref shards[s].Buckets);
            for (int i = 0; i < buckets.Length; i++)
            {
                // ORDER: Volatile.Read of the head and the volatile Next (acquire) pair with the release stores that
                // linked each node after building it.
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
            if (TryGetValueCore(key, hash, out TValue? current))
            {
                TValue updated = updateValueFactory(key, current);
                if (TryUpdateCore(key, hash, updated, current))
                {
                    return updated;
                }
            }
            else
            {
                TValue added = addValueFactory is null ? addValue : addValueFactory(key);
                if (TryAddCore(key, hash, added, out _))
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

    /// <summary>The shard of <paramref name="hash"/>: the top bits of the spread hash.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int ShardIndex(uint hash) => (int)((HashHelpers.Spread(hash) >> 32) >> _shardShift);

    /// <summary>The shard index of <paramref name="key"/>, for tests of the spread.</summary>
    internal int ShardIndexOf(TKey key) => ShardIndex(_keys.Hash(key));
}
