using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using MapGuard.Internal;
using MapGuard.Telemetry;

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
/// once per call, retrying until the value they saw is the value they replace. <c>GetOrAddOnce</c> and <c>AddOrUpdateOnce</c> run an absent key's add factory at most once among racing
/// callers (a per-key gate; docs/design/drop-in.md).</para>
/// <para><b>Hashing:</b> string keys under the default or ordinal comparer start on a fast hash that is not randomized,
/// and integer keys (<see cref="int"/>, <see cref="uint"/>, <see cref="long"/>, <see cref="ulong"/>) under the default
/// comparer start placed by their own low bits, so sequential IDs never share a bucket. The first operation whose chain
/// walk meets more than <see cref="HashFloodMonitor.CollisionBound"/> keys sharing its key's full hash (a read or a
/// write), or an insert into a chain of integer keys longer than chance allows, moves the map, once and for good, to
/// the randomized hash (the runtime's for strings, the map's seeded one for integers): it rebuilds every shard under
/// every shard lock and publishes the result as <see cref="Clear"/> publishes its empty shards, so readers see the
/// whole map on one hash or the other. Other keys and comparers keep their one seeded hash.</para>
/// <para><b>Progress:</b> reads are wait-free (a bounded chain walk, no lock, no retry), with one exception per map:
/// a read that meets a flood on a fast hash does the rebuild itself and waits for every shard lock. Writes
/// block on their shard's lock only; a resize of one shard never blocks another. <see cref="Clear"/> and the rebuild
/// wait for every shard lock, and writes wait for them.</para>
/// </remarks>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="TValue">The value type.</typeparam>
public sealed partial class ShardedMap<TKey, TValue> : IConcurrentMap<TKey, TValue>
    where TKey : notnull
{
    /*
     * Concurrency: each Shard owns a chained hash table. Writers mutate a shard only under shard.Lock, and only after
     *   checking under that lock that its shard array is still _shards (EnterShard). Readers do not lock (one
     *   exception, under Hashing): they read _shards once, then the shard's bucket array once, then walk a chain whose
     *   nodes are published with release stores. Keys and hashes of a node never change. A value is overwritten in
     *   place only when ValueTraits<TValue>.IsWriteAtomic; otherwise the node is replaced, so a reader never sees a torn
     *   value.
     *   Clear publishes a new array of empty shards (sharing the old array's Lock objects) with one store while it
     *   holds every shard lock, so a reader sees the whole old map or the whole empty one; the old array is frozen.
     *   RandomizeHash replaces the array the same way (ReplaceShards, the one place that stores _shards after the
     *   constructor), with a copy of every entry on the randomized hash built under those locks.
     * Hashing: two key types start on a fast hash that anyone can collide (KeyComparer.StartsFast): ordinal strings on
     *   FastStringHash, and integer keys under the default comparer on their own low 32 bits, placed by identity
     *   (PlacedByIdentity: the shard is the low bits xored with bits 16 and up, the bucket the bits above the shard's; a range
     *   of sequential IDs puts one key in each bucket). Both indexes come from the hash, so the hash mode belongs to a
     *   shard array: each Shard carries RandomizedHash, equal across the array and fixed before it is published. A
     *   reader takes it from shards[0] of the array it loaded and hashes in that mode; a writer hashes in the mode of
     *   the array it checks under its shard lock (EnterShard), recomputing the hash if a guess made before was in the
     *   other mode. Every mode read is guarded by MayStartFast, which the JIT folds to false for any other key type, so
     *   those keys never load the flag. A chain walk, read or write, that meets more than
     *   HashFloodMonitor.CollisionBound keys of its full hash on a fast hash, or an insert into a chain longer than
     *   HashHelpers.IdentityProbeBound in an identity array (ChainTooLong), calls RandomizeHash (a writer after
     *   releasing its lock; a read at once, the only time a read takes locks); on the randomized hash, or for other
     *   keys, Set and TryAdd report to HashFloodMonitor instead.
     *   INVARIANT: chains grow only by inserts, so no chain of an identity array is longer than IdentityProbeBound plus
     *   the inserts racing the move. The mode only ever goes from fast to randomized; Clear keeps it.
     * Memory ordering (rules of the .NET memory model, docs/design/specs/Memory-model.md in dotnet/runtime):
     *   - Volatile.Write is a release and Volatile.Read an acquire. A node is fully built before the release store that
     *     links it (Volatile.Write of a bucket head, or the volatile Next field); readers load the head with
     *     Volatile.Read and follow the volatile Next, so they see whole nodes. A grown bucket array (Grow) and the shard
     *     arrays of ReplaceShards (Clear's empty one, RandomizeHash's copy, each shard's RandomizedHash included) are
     *     built privately and published with Volatile.Write, read with Volatile.Read.
     *   - Lock acquire and release order what a writer does under shard.Lock, including its check of _shards, against
     *     ReplaceShards' store of _shards, which happens under every shard lock.
     *   - Shard.Count is written with Volatile.Write after the node's release store and read with Volatile.Read.
     *   - An in-place value store is atomic because the model makes aligned accesses of references and of primitives
     *     no wider than a pointer atomic (ValueTraits<TValue>.IsWriteAtomic).
     * Progress: reads wait-free, except the one read per map that triggers RandomizeHash; writes blocking on one shard
     *   lock; Clear and RandomizeHash block on every shard lock.
     * Resizing: per shard, under that shard's lock, when its count passes MaxLoad of its bucket count (load 1/2 up to
     *   SmallShardBuckets buckets, load 1 above). The new array gets fresh copies of the nodes, so the old array stays
     *   frozen and intact for readers still walking it. RandomizeHash sizes each new shard for the entries it receives.
     * Telemetry: a map built WithMetrics() counts each call inline into its MapTelemetry (_telemetry, set once in the
     *   constructor): once a call returns, the cell of its op and result, on the branch already taken for that result.
     *   The cells are striped plain increments, RACE(benign) as MapTelemetry says; off, the cost is one null test per call.
     * References: lock striping from Java's ConcurrentHashMap (Lea) and the
     *   lock-free read path of .NET's ConcurrentDictionary (immutable-key nodes, volatile links, and a Clear that
     *   installs new tables under every lock). The runtime's Dictionary and ConcurrentDictionary likewise start string
     *   keys on a non-randomized hash and switch to the randomized one when a chain passes a collision threshold
     *   (ours counts full-hash collisions, on reads as well as writes, and moves the whole map at once).
     */

    /// <summary>The shard count used by the parameterless constructor: enough that two to a few dozen writers rarely share a lock.</summary>
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

    // PUBLISHED BY: the constructor, then Volatile.Write in ReplaceShards (Clear, RandomizeHash) while it holds every
    // shard lock (the arrays share their Lock objects). READ WITH: Volatile.Read into a local, once per operation (the
    // hash mode comes from that same array); writers read it again under their shard lock to check that the array they
    // locked in is still the current one.
    private Shard[] _shards;
    private readonly int _shardShift; // 32 - log2(shard count), applied to the top 32 bits of the spread hash
    private readonly int _shardBits;  // log2(shard count): the spread hash's top bits that choose the shard
    private readonly KeyComparer<TKey> _keys;

    // The counters of a map built WithMetrics(): _telemetry counts operations (null when metrics are off, or when a
    // bounded map around this one counts them); _events takes resizes and lock waits. Set once in the constructor.
    private readonly MapTelemetry? _telemetry;
    private readonly MapTelemetry? _events;
    private readonly MapLabel _label; // the name and hash-flood flag

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
            shards[i] = new Shard(locks[i], bucketsPerShard, randomizedHash: !_keys.StartsFast);
        }

        _shards = shards;
        _label = new MapLabel(null);
    }

    /// <summary>A map built by <see cref="MapBuilder{TKey, TValue}"/>: named, and metered when <paramref name="wiring"/> has telemetry.</summary>
    internal ShardedMap(int shardCount, IEqualityComparer<TKey>? comparer, MapWiring wiring)
        : this(shardCount, 0, comparer)
    {
        _telemetry = wiring.Operations;
        _events = wiring.Telemetry;
        _label = new MapLabel(wiring.Name);
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
            uint hash = Hash(key, out bool randomized);
            SetCore(key, hash, randomized, value);
            _telemetry?.Count(MapCount.SetStored);
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

        // ORDER: Volatile.Read (acquire), once per call; see TryGetValueIn. The hash is taken in this array's mode.
        Shard[] shards = Volatile.Read(ref _shards);
        bool randomized = IsRandomized(shards);
        if (!_keys.InlinesEquality || (KeyComparer<TKey>.IsIntegerKey && randomized))
        {
            return TryGetValueCounted(key, out value); // a comparer call, or integer keys moved off their own bits
        }

        // Integer keys here are placed by their own bits: the constant lets the JIT keep only those indexes.
        randomized &= !KeyComparer<TKey>.IsIntegerKey;
        uint hash = _keys.HashInline(key, randomized);
        if (TryGetValueAtHead(shards, key, hash, randomized, out value))
        {
            _telemetry?.Count(MapCount.GetHit);
            return true;
        }

        return TryGetValueCounted(shards, key, hash, randomized, out value); // out of line: the hit path saves no registers
    }

    /// <summary>
    /// The common case in straight-line code: the key in the first node of its bucket in <paramref name="shards"/>,
    /// where <paramref name="hash"/> is its hash in that array's mode, <paramref name="randomized"/>. False means only
    /// "not answered here". No loop and no call, so the inlined hit path needs no registers saved.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool TryGetValueAtHead(Shard[] shards, TKey key, uint hash, bool randomized, [MaybeNullWhen(false)] out TValue value)
    {
        // ORDER: as in TryGetValueIn: the acquire of the shard's Buckets and of the bucket's head.
        Node?[] buckets = Volatile.Read(ref shards[ShardIndex(hash, randomized, shards.Length)].Buckets);
        Node? node = Volatile.Read(ref buckets[BucketOf(hash, buckets.Length, randomized)]);
        if (node is not null && node.Hash == hash && _keys.KeysEqualInline(node.Key, key))
        {
            value = node.Value; // LINEARIZATION POINT (hit): atomic-by-construction read of the value
            return true;
        }

        value = default;
        return false;
    }

    /// <summary><see cref="TryGetValue"/> for a value-type key under a user comparer, with its count.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool TryGetValueCounted(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        bool found = TryGetValueUncounted(key, out value);
        _telemetry?.Count(found ? MapCount.GetHit : MapCount.GetMiss);
        return found;
    }

    /// <summary>The rest of <see cref="TryGetValue"/> when the bucket's head did not answer: the same array and hash.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool TryGetValueCounted(Shard[] shards, TKey key, uint hash, bool randomized, [MaybeNullWhen(false)] out TValue value)
    {
        bool found = TryGetValueIn(shards, key, hash, randomized, out value);
        _telemetry?.Count(found ? MapCount.GetHit : MapCount.GetMiss);
        return found;
    }

    private bool TryGetValueUncounted(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        // ORDER: Volatile.Read (acquire), once per call; see TryGetValueIn. The hash is taken in this array's mode.
        Shard[] shards = Volatile.Read(ref _shards);
        bool randomized = IsRandomized(shards);
        return TryGetValueIn(shards, key, _keys.Hash(key, randomized), randomized, out value);
    }

    /// <inheritdoc/>
    public bool ContainsKey(TKey key) => TryGetValue(key, out _);

    /// <inheritdoc/>
    public bool TryAdd(TKey key, TValue value)
    {
        KeyComparer<TKey>.ThrowIfNull(key);
        uint hash = Hash(key, out bool randomized);
        if (TryAddCore(key, hash, randomized, value, out _))
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
        KeyComparer<TKey>.ThrowIfNull(key);
        uint hash = Hash(key, out bool randomized);
        if (TryRemoveCore(key, hash, randomized, out value))
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
        KeyComparer<TKey>.ThrowIfNull(key);
        uint hash = Hash(key, out bool randomized);
        if (TryUpdateCore(key, hash, randomized, newValue, comparisonValue))
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
        KeyComparer<TKey>.ThrowIfNull(key);
        uint hash = Hash(key, out bool randomized);
        if (TryGetValueCore(key, ref hash, ref randomized, out TValue? existing))
        {
            _telemetry?.Count(MapCount.GetHit);
            return existing;
        }

        _telemetry?.Count(MapCount.GetMiss);
        TValue result = TryAddCore(key, hash, randomized, value, out existing) ? value : existing;
        _telemetry?.Count(MapCount.AddStored);
        return result;
    }

    /// <inheritdoc/>
    public TValue GetOrAdd(TKey key, Func<TKey, TValue> valueFactory)
    {
        KeyComparer<TKey>.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(valueFactory);

        uint hash = Hash(key, out bool randomized);
        if (TryGetValueCore(key, ref hash, ref randomized, out TValue? existing))
        {
            _telemetry?.Count(MapCount.GetHit);
            return existing;
        }

        _telemetry?.Count(MapCount.GetMiss);
        TValue value = valueFactory(key);
        TValue result = TryAddCore(key, hash, randomized, value, out existing) ? value : existing;
        _telemetry?.Count(MapCount.AddStored);
        return result;
    }

    /// <inheritdoc/>
    public TValue AddOrUpdate(TKey key, TValue addValue, Func<TKey, TValue, TValue> updateValueFactory)
    {
        KeyComparer<TKey>.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(updateValueFactory);

        TValue result = AddOrUpdateCore(key, addValue, null, updateValueFactory);
        _telemetry?.Count(MapCount.UpdateStored);
        return result;
    }

    /// <inheritdoc/>
    public TValue AddOrUpdate(TKey key, Func<TKey, TValue> addValueFactory, Func<TKey, TValue, TValue> updateValueFactory)
    {
        KeyComparer<TKey>.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(addValueFactory);

        ArgumentNullException.ThrowIfNull(updateValueFactory);

        TValue result = AddOrUpdateCore(key, default!, addValueFactory, updateValueFactory);
        _telemetry?.Count(MapCount.UpdateStored);
        return result;
    }


    /// <inheritdoc/>
    /// <remarks>
    /// Atomic, to readers as well as writers: it builds a new array of empty shards, then takes every shard lock in
    /// index order and publishes the new array with one store. A read sees the whole map as it was before the Clear or
    /// the empty map after it, never some shards emptied and others not. A map that has moved to the randomized string
    /// hash stays on it.
    /// </remarks>
    public void Clear()
    {
        // Built before the locks are taken, so that writers wait for the swap only. The hash mode is settled under them:
        // a RandomizeHash that published in between leaves a randomized array, and the empty one must be randomized too.
        Shard[] current = Volatile.Read(ref _shards);
        Shard[] empty = EmptyShards(current, current[0].RandomizedHash);
        ReplaceShards(empty, static (locked, empty) =>
            locked[0].RandomizedHash == empty[0].RandomizedHash ? empty : EmptyShards(locked, randomizedHash: true));
    }

    /// <summary>
    /// The one place that replaces the shard array after the constructor (<see cref="Clear"/> and
    /// <see cref="RandomizeHash"/>): takes every shard lock in index order, lets <paramref name="build"/> make the
    /// replacement from the array that is current under them, publishes it with one store, and releases the locks.
    /// <paramref name="build"/> returns null to leave the map as it is. The caller holds no shard lock.
    /// </summary>
    private void ReplaceShards<TState>(TState state, Func<Shard[], TState, Shard[]?> build)
    {
        // Every array holds the same Lock objects, so the locks of the array read here are the current array's too.
        Shard[] locks = Volatile.Read(ref _shards);
        int acquired = 0;
        try
        {
            for (; acquired < locks.Length; acquired++)
            {
                locks[acquired].Lock.Enter();
            }

            // ORDER: _shards is stored only under every shard lock, and lock release/acquire orders the last such store
            // before this read: this is the current array, no writer is inside it and none can enter it until the locks
            // are released.
            Shard[] current = Volatile.Read(ref _shards);
            Shard[]? replacement = build(current, state);
            if (replacement is not null)
            {
                // LINEARIZATION POINT (Clear, and the move to the randomized hash). ORDER: Volatile.Write (release): the
                // new shards are built before any reader can reach them through the Volatile.Read (acquire) of _shards
                // in TryGetValue and TryGetValueCore. Made while every shard lock is held, so no writer is inside the
                // old array, and a writer that locks a shard afterwards sees this store (lock release/acquire) when it
                // checks the array in EnterShard, and moves to the new one. The old array stays as it was, frozen, for
                // readers that loaded it before this store.
                Volatile.Write(ref _shards, replacement);
            }
        }
        finally
        {
            for (int i = acquired - 1; i >= 0; i--)
            {
                locks[i].Lock.Exit();
            }
        }
    }

    /// <summary>A new array of empty shards that reuse <paramref name="locks"/>' Lock objects, index for index.</summary>
    private static Shard[] EmptyShards(Shard[] locks, bool randomizedHash)
    {
        var empty = new Shard[locks.Length];
        for (int i = 0; i < empty.Length; i++)
        {
            empty[i] = new Shard(locks[i].Lock, MinBucketsPerShard, randomizedHash);
        }

        return empty;
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
        uint hash = Hash(key, out bool randomized);
        while (true)
        {
            // Factories run outside the lock. The update only lands if the value is still the one the factory saw,
            // so a racing writer makes this loop retry instead of being overwritten.
            if (TryGetValueCore(key, ref hash, ref randomized, out TValue? current))
            {
                TValue updated = updateValueFactory(key, current);
                if (TryUpdateCore(key, hash, randomized, updated, current))
                {
                    return updated;
                }
            }
            else
            {
                TValue added = addValueFactory is null ? addValue : addValueFactory(key);
                if (TryAddCore(key, hash, randomized, added, out _))
                {
                    return added;
                }
            }
        }
    }

    /// <summary>
    /// Whether an array whose mode is <paramref name="randomized"/> places integer keys by their own bits
    /// (<see cref="KeyComparer{TKey}.PlacesByIdentity"/>): their hash is then the key's low 32 bits, and
    /// <see cref="ShardIndex"/> and <see cref="BucketOf"/> take low bits where they otherwise take top bits. Folded to
    /// false for every other key type; integer keys under a user comparer are randomized from the start.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool PlacedByIdentity(bool randomized) => KeyComparer<TKey>.IsIntegerKey && !randomized;

    /// <summary>
    /// The bucket of <paramref name="hash"/> in a shard's array of <paramref name="length"/>, in an array whose mode is
    /// <paramref name="randomized"/>: the hash bits just past the ones that chose the shard.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int BucketOf(uint hash, int length, bool randomized) => BucketIndex(hash, _shardBits, length, PlacedByIdentity(randomized));

    /// <summary><see cref="BucketOf"/> for a shard of a map with <paramref name="shardBits"/> shard bits.</summary>
    /// <remarks>
    /// A seeded hash is the top half of a seeded multiply (KeyComparer), whose top bits are the ones multiply-shift is
    /// proved universal for: the bucket is the top log2(<paramref name="length"/>) bits of the hash shifted past its
    /// shard bits, taken as the high word of a product with the length (a power of two), one multiply where a shift by
    /// the length's logarithm would recount its leading zeros on every lookup. An identity hash
    /// (<paramref name="identity"/>) is the key's own low bits: the bucket is the bits just above the shard bits, so
    /// consecutive keys of one shard take consecutive buckets.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int BucketIndex(uint hash, int shardBits, int length, bool identity) =>
        identity ? (int)((hash >> shardBits) & (uint)(length - 1)) : (int)(((ulong)(hash << shardBits) * (uint)length) >> 32);

    /// <summary>
    /// The shard of <paramref name="hash"/> in an array whose mode is <paramref name="randomized"/>: a seeded hash's top
    /// bits (a 64-bit shift, so one shard takes a shift of 32); an identity hash's low bits xored with its bits from 16
    /// up. Any function of the bits above the shard bits keeps each shard's keys in bijection with their bucket bits
    /// (<see cref="BucketIndex"/>), so a range of sequential IDs puts one key in each bucket; bits this far up change
    /// only every 65,536 keys, so keys that step by a small power of two also stay one to a bucket, in runs that move
    /// from shard to shard as the keys grow.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int ShardIndex(uint hash, bool randomized, int shardCount) =>
        PlacedByIdentity(randomized) ? (int)((hash ^ (hash >> 16)) & (uint)(shardCount - 1)) : (int)((ulong)hash >> _shardShift);

    /// <summary>The shard index of <paramref name="key"/> in the current shard array, for tests of the spread.</summary>
    internal int ShardIndexOf(TKey key)
    {
        Shard[] shards = Volatile.Read(ref _shards);
        bool randomized = IsRandomized(shards);
        return ShardIndex(_keys.Hash(key, randomized), randomized, shards.Length);
    }

    /// <summary>Test hook: whether the current shard array hashes with the randomized hash (always true for keys that never start fast).</summary>
    internal bool HashIsRandomized => IsRandomized(Volatile.Read(ref _shards));
}
