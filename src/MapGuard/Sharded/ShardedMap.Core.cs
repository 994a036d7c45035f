using System.Diagnostics.CodeAnalysis;
using MapGuard.Internal;

namespace MapGuard;

public sealed partial class ShardedMap<TKey, TValue>
{
    /// <summary>
    /// A lookup in the current shard array, for the paths that go on to write: <paramref name="hash"/> and
    /// <paramref name="randomized"/> come in as a guess and leave as the key's hash in the array the lookup used.
    /// </summary>
    private bool TryGetValueCore(TKey key, ref uint hash, ref bool randomized, [MaybeNullWhen(false)] out TValue value)
    {
        // ORDER: Volatile.Read (acquire), once per call; see TryGetValueIn.
        Shard[] shards = Volatile.Read(ref _shards);
        hash = HashIn(shards, key, hash, ref randomized);
        return TryGetValueIn(shards, key, hash, randomized, out value);
    }

    /// <summary>
    /// The lookup itself, in <paramref name="shards"/>, which the caller read with <c>Volatile.Read</c>
    /// from <see cref="_shards"/>; <paramref name="hash"/> is the key's hash in that array's mode,
    /// <paramref name="randomized"/>.
    /// </summary>
    private bool TryGetValueIn(Shard[] shards, TKey key, uint hash, bool randomized, [MaybeNullWhen(false)] out TValue value)
    {
        // ORDER: the caller's Volatile.Read (acquire) of _shards pairs with the Volatile.Write (release) in ReplaceShards,
        // so the shards it publishes (Clear's empty ones, or the rehashed copy) are seen fully built, their hash mode
        // included. Every later load of this call reads through this array.
        // ORDER: Volatile.Read (acquire); pairs with the Volatile.Write (release) of Buckets in Grow.
        Node?[] buckets = Volatile.Read(ref shards[ShardIndex(hash, randomized, shards.Length)].Buckets);
        int collisions = 0;

        // ORDER: Volatile.Read of the head and the volatile Next (acquire) pair with the release stores (Volatile.Write,
        // volatile Next) that linked each node after it was built, so a reader sees a node's fields as written.
        for (Node? node = Volatile.Read(ref buckets[BucketOf(hash, buckets.Length, randomized)]); node is not null; node = node.Next)
        {
            if (node.Hash == hash)
            {
                if (_keys.KeysEqual(node.Key, key))
                {
                    value = node.Value; // LINEARIZATION POINT (hit): atomic-by-construction read of the value
                    return true;
                }

                if (CountFastHashCollision(randomized, ref collisions))
                {
                    // A flood on a fast hash, met by a read: the read moves the map itself, taking every shard lock
                    // once, so that a read-only attacker cannot keep the chain long. It then finishes its walk in this
                    // array, which the move leaves intact and frozen.
                    RandomizeHash();
                }
            }
        }

        value = default;
        return false;
    }

    private void SetCore(TKey key, uint hash, bool randomized, TValue value)
    {
        bool flooded = false;
        ref Shard shard = ref EnterShard(key, ref hash, ref randomized);
        try
        {
            Node?[] buckets = shard.Buckets;
            int index = BucketOf(hash, buckets.Length, randomized);
            Node? previous = null;
            int collisions = 0; // other keys with this full hash: chance gives a few, an attack gives thousands
            int chain = 0;
            for (Node? node = buckets[index]; node is not null; previous = node, node = node.Next)
            {
                chain++;
                if (node.Hash == hash)
                {
                    if (_keys.KeysEqual(node.Key, key))
                    {
                        ReplaceValue(buckets, index, previous, node, value);
                        return;
                    }

                    flooded |= CountCollision(randomized, ref collisions);
                }
            }

            flooded |= ChainTooLong(randomized, chain);
            Insert(ref shard, buckets, index, key, hash, value);
        }
        finally
        {
            ExitShard(ref shard, flooded);
        }
    }

    private bool TryAddCore(TKey key, uint hash, bool randomized, TValue value, [MaybeNullWhen(true)] out TValue existing)
    {
        bool flooded = false;
        ref Shard shard = ref EnterShard(key, ref hash, ref randomized);
        try
        {
            Node?[] buckets = shard.Buckets;
            int index = BucketOf(hash, buckets.Length, randomized);
            int collisions = 0;
            int chain = 0;
            for (Node? node = buckets[index]; node is not null; node = node.Next)
            {
                chain++;
                if (node.Hash == hash)
                {
                    if (_keys.KeysEqual(node.Key, key))
                    {
                        existing = node.Value;
                        return false;
                    }

                    flooded |= CountCollision(randomized, ref collisions);
                }
            }

            flooded |= ChainTooLong(randomized, chain);
            Insert(ref shard, buckets, index, key, hash, value);
            existing = default;
            return true;
        }
        finally
        {
            ExitShard(ref shard, flooded);
        }
    }

    private bool TryUpdateCore(TKey key, uint hash, bool randomized, TValue newValue, TValue comparisonValue)
    {
        bool flooded = false;
        ref Shard shard = ref EnterShard(key, ref hash, ref randomized);
        try
        {
            Node?[] buckets = shard.Buckets;
            int index = BucketOf(hash, buckets.Length, randomized);
            Node? previous = null;
            int collisions = 0;
            for (Node? node = buckets[index]; node is not null; previous = node, node = node.Next)
            {
                if (node.Hash == hash)
                {
                    if (_keys.KeysEqual(node.Key, key))
                    {
                        if (!EqualityComparer<TValue>.Default.Equals(node.Value, comparisonValue))
                        {
                            return false;
                        }

                        ReplaceValue(buckets, index, previous, node, newValue);
                        return true;
                    }

                    flooded |= CountFastHashCollision(randomized, ref collisions);
                }
            }

            return false;
        }
        finally
        {
            ExitShard(ref shard, flooded);
        }
    }

    // matchValue: remove only if the value equals comparisonValue, for TryRemove(KeyValuePair).
    private bool TryRemoveCore(TKey key, uint hash, bool randomized, [MaybeNullWhen(false)] out TValue value, bool matchValue = false, TValue? comparisonValue = default)
    {
        bool flooded = false;
        ref Shard shard = ref EnterShard(key, ref hash, ref randomized);
        try
        {
            Node?[] buckets = shard.Buckets;
            int index = BucketOf(hash, buckets.Length, randomized);
            Node? previous = null;
            int collisions = 0;
            for (Node? node = buckets[index]; node is not null; previous = node, node = node.Next)
            {
                if (node.Hash != hash)
                {
                    continue;
                }

                if (!_keys.KeysEqual(node.Key, key))
                {
                    flooded |= CountFastHashCollision(randomized, ref collisions);
                    continue;
                }

                if (matchValue && !EqualityComparer<TValue>.Default.Equals(node.Value, comparisonValue))
                {
                    value = default;
                    return false;
                }

                // LINEARIZATION POINT: the store that unlinks the node (Volatile.Write or the volatile Next, both
                // release). A reader already on it still finishes its walk, since the node keeps its Next.
                if (previous is null)
                {
                    Volatile.Write(ref buckets[index], node.Next);
                }
                else
                {
                    previous.Next = node.Next;
                }

                Volatile.Write(ref shard.Count, shard.Count - 1); // read lock-free by Count and IsEmpty
                value = node.Value;
                return true;
            }

            value = default;
            return false;
        }
        finally
        {
            ExitShard(ref shard, flooded);
        }
    }

    /// <summary>
    /// Enters the lock of <paramref name="key"/>'s shard in the current shard array and returns that shard; the caller
    /// exits it with <see cref="ExitShard"/>. <paramref name="hash"/> and <paramref name="randomized"/> come in as a
    /// guess and leave as the key's hash in that array. Retries when <see cref="ReplaceShards"/> (a
    /// <see cref="Clear"/> or the move to the randomized hash) replaced the array while this thread waited for the lock.
    /// </summary>
    private ref Shard EnterShard(TKey key, ref uint hash, ref bool randomized)
    {
        while (true)
        {
            // ORDER: Volatile.Read (acquire); see TryGetValueIn.
            Shard[] shards = Volatile.Read(ref _shards);
            hash = HashIn(shards, key, hash, ref randomized);
            ref Shard shard = ref shards[ShardIndex(hash, randomized, shards.Length)];
            LockTiming.EnterLock(shard.Lock, _events);

            // ORDER: ReplaceShards stores _shards only while it holds every shard lock, and lock release/acquire orders
            // that store before this read if it released this lock first. No replacement can store again until this
            // thread exits the lock, so an array that is still current here stays current for the whole write, and the
            // hash taken in its mode stays the key's hash.
            if (ReferenceEquals(shards, _shards))
            {
                return ref shard;
            }

            shard.Lock.Exit();
        }
    }

    /// <summary>
    /// Exits the lock <see cref="EnterShard"/> entered; then, if the write met a flood on a fast hash
    /// (<paramref name="flooded"/>), moves the map to the randomized hash, which takes every shard lock and so must run
    /// after this one is released.
    /// </summary>
    private void ExitShard(ref Shard shard, bool flooded)
    {
        shard.Lock.Exit();
        if (flooded)
        {
            RandomizeHash();
        }
    }

    /// <summary>Caller holds the shard lock and has checked that the key is absent.</summary>
    private void Insert(ref Shard shard, Node?[] buckets, int index, TKey key, uint hash, TValue value)
    {
        // ORDER: Volatile.Write (release): the node's fields are written before a reader's Volatile.Read (acquire) of the
        // head can return it. LINEARIZATION POINT: this store.
        Volatile.Write(ref buckets[index], new Node(key, hash, value, buckets[index]));

        // ORDER: Volatile.Write (release), after the node's release store: Count only grows once the node is visible,
        // so a Count read with Volatile.Read (acquire) never reports an entry a reader cannot find.
        int count = shard.Count + 1;
        Volatile.Write(ref shard.Count, count);
        if (count > MaxLoad(buckets.Length))
        {
            long start = _events is null ? 0 : System.Diagnostics.Stopwatch.GetTimestamp();
            shard.Grow(_shardBits);
            _events?.RecordResize(System.Diagnostics.Stopwatch.GetElapsedTime(start));
        }
    }

    /// <summary>Caller holds the shard lock.</summary>
    private static void ReplaceValue(Node?[] buckets, int index, Node? previous, Node node, TValue value)
    {
        if (ValueTraits<TValue>.IsWriteAtomic)
        {
            // LINEARIZATION POINT: one store, atomic because the memory model makes aligned accesses of references and
            // of primitives no wider than a pointer atomic; readers see the old or the new value, never a mix.
            node.Value = value;
            return;
        }

        // A wide struct could tear if overwritten in place, so a new node takes the old one's place in the chain.
        // ORDER: both stores below are releases (Volatile.Write, volatile Next): the new node is built before a reader's
        // acquire of the link can return it.
        var replacement = new Node(node.Key, node.Hash, value, node.Next);
        if (previous is null)
        {
            Volatile.Write(ref buckets[index], replacement); // LINEARIZATION POINT
        }
        else
        {
            previous.Next = replacement; // LINEARIZATION POINT
        }
    }

    /// <summary>
    /// Entries a shard holds before its bucket array doubles. Up to <see cref="SmallShardBuckets"/> buckets the load
    /// stays at 1/2: such tables are cache-resident, a lookup's cost is mispredicted chain lengths, and shorter chains
    /// are cheap. Larger shards run at load 1, like ConcurrentDictionary, to keep memory per entry level with it.
    /// </summary>
    private static int MaxLoad(int bucketCount) => bucketCount <= SmallShardBuckets ? bucketCount / 2 : bucketCount;
}
