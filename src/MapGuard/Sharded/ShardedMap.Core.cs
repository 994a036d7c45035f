using System.Diagnostics.CodeAnalysis;
using MapGuard.Internal;

namespace MapGuard;

public sealed partial class ShardedMap<TKey, TValue>
{
    private bool TryGetValueCore(ref Shard shard, TKey key, uint hash, [MaybeNullWhen(false)] out TValue value)
    {
        // ORDER: Volatile.Read pairs with the Volatile.Write of Buckets in Grow/Reset.
        Node?[] buckets = Volatile.Read(ref shard.Buckets);

        // ORDER: Volatile.Read of the head and the volatile Next pair with the release stores that linked each node.
        for (Node? node = Volatile.Read(ref buckets[BucketOf(hash, buckets.Length)]); node is not null; node = node.Next)
        {
            if (node.Hash == hash && _keys.KeysEqual(node.Key, key))
            {
                value = node.Value; // LINEARIZATION POINT (hit): atomic-by-construction read of the value
                return true;
            }
        }

        value = default;
        return false;
    }

    private void SetCore(ref Shard shard, TKey key, uint hash, TValue value)
    {
        using (LockTiming.Enter(shard.Lock, this))
        {
            Node?[] buckets = shard.Buckets;
            int index = BucketOf(hash, buckets.Length);
            Node? previous = null;
            int collisions = 0; // other keys with this full hash: chance gives a few, an attack gives thousands
            for (Node? node = buckets[index]; node is not null; previous = node, node = node.Next)
            {
                if (node.Hash == hash)
                {
                    if (_keys.KeysEqual(node.Key, key))
                    {
                        ReplaceValue(buckets, index, previous, node, value);
                        return;
                    }

                    HashFloodMonitor.CountCollision(ref collisions, this);
                }
            }

            Insert(ref shard, buckets, index, key, hash, value);
        }
    }

    private bool TryAddCore(ref Shard shard, TKey key, uint hash, TValue value, [MaybeNullWhen(true)] out TValue existing)
    {
        using (LockTiming.Enter(shard.Lock, this))
        {
            Node?[] buckets = shard.Buckets;
            int index = BucketOf(hash, buckets.Length);
            int collisions = 0;
            for (Node? node = buckets[index]; node is not null; node = node.Next)
            {
                if (node.Hash == hash)
                {
                    if (_keys.KeysEqual(node.Key, key))
                    {
                        existing = node.Value;
                        return false;
                    }

                    HashFloodMonitor.CountCollision(ref collisions, this);
                }
            }

            Insert(ref shard, buckets, index, key, hash, value);
            existing = default;
            return true;
        }
    }

    private bool TryUpdateCore(ref Shard shard, TKey key, uint hash, TValue newValue, TValue comparisonValue)
    {
        using (LockTiming.Enter(shard.Lock, this))
        {
            Node?[] buckets = shard.Buckets;
            int index = BucketOf(hash, buckets.Length);
            Node? previous = null;
            for (Node? node = buckets[index]; node is not null; previous = node, node = node.Next)
            {
                if (node.Hash == hash && _keys.KeysEqual(node.Key, key))
                {
                    if (!EqualityComparer<TValue>.Default.Equals(node.Value, comparisonValue))
                    {
                        return false;
                    }

                    ReplaceValue(buckets, index, previous, node, newValue);
                    return true;
                }
            }

            return false;
        }
    }

    // matchValue: remove only if the value equals comparisonValue, for TryRemove(KeyValuePair).
    private bool TryRemoveCore(ref Shard shard, TKey key, uint hash, [MaybeNullWhen(false)] out TValue value, bool matchValue = false, TValue? comparisonValue = default)
    {
        using (LockTiming.Enter(shard.Lock, this))
        {
            Node?[] buckets = shard.Buckets;
            int index = BucketOf(hash, buckets.Length);
            Node? previous = null;
            for (Node? node = buckets[index]; node is not null; previous = node, node = node.Next)
            {
                if (node.Hash == hash && _keys.KeysEqual(node.Key, key))
                {
                    if (matchValue && !EqualityComparer<TValue>.Default.Equals(node.Value, comparisonValue))
                    {
                        value = default;
                        return false;
                    }

                    // LINEARIZATION POINT: the store that unlinks the node. A reader already on it still finishes its
                    // walk, since the node keeps its Next.
                    if (previous is null)
                    {
                        Volatile.Write(ref buckets[index], node.Next);
                    }
                    else
                    {
                        previous.Next = node.Next;
                    }

                    shard.Count--;
                    value = node.Value;
                    return true;
                }
            }

            value = default;
            return false;
        }
    }

    /// <summary>Caller holds the shard lock and has checked that the key is absent.</summary>
    private void Insert(ref Shard shard, Node?[] buckets, int index, TKey key, uint hash, TValue value)
    {
        // ORDER: the node is fully built before Volatile.Write publishes it; pairs with readers' Volatile.Read of the head.
        // LINEARIZATION POINT: this store.
        Volatile.Write(ref buckets[index], new Node(key, hash, value, buckets[index]));

        // Count only grows after the node is visible, so Count never reports an entry a reader cannot find.
        if (++shard.Count > MaxLoad(buckets.Length))
        {
            long start = System.Diagnostics.Stopwatch.GetTimestamp();
            shard.Grow(_shardBits);
            Diagnostics.MapMetrics.RecordResize(this, System.Diagnostics.Stopwatch.GetElapsedTime(start));
        }
    }

    /// <summary>Caller holds the shard lock.</summary>
    private static void ReplaceValue(Node?[] buckets, int index, Node? previous, Node node, TValue value)
    {
        if (ValueTraits<TValue>.IsWriteAtomic)
        {
            node.Value = value; // LINEARIZATION POINT: a single atomic store; readers see the old or the new value
            return;
        }

        // A wide struct could tear if overwritten in place, so a new node takes the old one's place in the chain.
        var replacement = new Node(node.Key, node.Hash, value, node.Next);
        if (previous is null)
        {
            Volatile.Write(ref buckets[index], replacement); // LINEARIZATION POINT
        }
        else
        {
            previous.Next = replacement; // LINEARIZATION POINT: volatile store
        }
    }

    /// <summary>
    /// Entries a shard holds before its bucket array doubles. Up to <see cref="SmallShardBuckets"/> buckets the load
    /// stays at 1/2: such tables are cache-resident, a lookup's cost is mispredicted chain lengths, and shorter chains
    /// are cheap. Larger shards run at load 1, like ConcurrentDictionary, to keep memory per entry level with it.
    /// </summary>
    private static int MaxLoad(int bucketCount) => bucketCount <= SmallShardBuckets ? bucketCount / 2 : bucketCount;
}
