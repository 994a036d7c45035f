using System.Runtime.CompilerServices;
using MapGuard.Internal;

namespace MapGuard;

public sealed partial class ShardedMap<TKey, TValue>
{
    /// <summary>
    /// Whether <paramref name="shards"/> hashes keys with the randomized hash. Always true, and no load at all, for keys
    /// that do not start on the fast string hash: <see cref="KeyComparer{TKey}.StartsOnFastHash"/> is false for every
    /// key type but string, and the JIT removes the read of the shard for them.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool IsRandomized(Shard[] shards) => !_keys.StartsOnFastHash || shards[0].RandomizedHash;

    /// <summary>
    /// The key's hash in the current shard array, and whether that is the randomized hash: a first guess for the write
    /// paths, which check it against the array they lock (<see cref="HashIn"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private uint Hash(TKey key, out bool randomized)
    {
        // ORDER: Volatile.Read (acquire) of the current array; only a guess, rechecked against the array that is used.
        randomized = !_keys.StartsOnFastHash || Volatile.Read(ref _shards)[0].RandomizedHash;
        return _keys.Hash(key, randomized);
    }

    /// <summary>
    /// The hash of <paramref name="key"/> in <paramref name="shards"/>, given its <paramref name="hash"/> under the mode
    /// <paramref name="randomized"/>: recomputed, and <paramref name="randomized"/> updated, only when the array's mode
    /// differs (once per map, after <see cref="RandomizeHash"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private uint HashIn(Shard[] shards, TKey key, uint hash, ref bool randomized)
    {
        if (_keys.StartsOnFastHash && shards[0].RandomizedHash != randomized)
        {
            randomized = shards[0].RandomizedHash;
            hash = _keys.Hash(key, randomized);
        }

        return hash;
    }

    /// <summary>
    /// Counts, for an insert or a set, a stored key that shares the key's full hash but is not equal to it. On the fast
    /// string hash, returns true when the walk passes <see cref="HashFloodMonitor.CollisionBound"/>: the caller moves the
    /// map to the randomized hash once it has released its lock. Otherwise the monitor counts it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool CountCollision(bool randomized, ref int collisions)
    {
        if (_keys.StartsOnFastHash && !randomized)
        {
            return ++collisions == HashFloodMonitor.CollisionBound + 1;
        }

        HashFloodMonitor.CountCollision(ref collisions, this, _label);
        return false;
    }

    /// <summary>
    /// As <see cref="CountCollision"/>, for the walks that do not report to the monitor (reads, updates, removes): counts
    /// only on the fast string hash, where chance gives a few keys of one 32-bit hash and more than
    /// <see cref="HashFloodMonitor.CollisionBound"/> is an attack on the unseeded hash.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool CountFastHashCollision(bool randomized, ref int collisions) =>
        _keys.StartsOnFastHash && !randomized && ++collisions == HashFloodMonitor.CollisionBound + 1;

    /// <summary>
    /// Moves the map to the randomized string hash: under every shard lock, copies each entry into a new shard array
    /// with its randomized hash and publishes that array as <see cref="Clear"/> publishes its empty one
    /// (<see cref="ReplaceShards"/>), so a reader sees all of the map on one hash or all of it on the other. O(entries)
    /// work, once per map; a thread that finds the map already moved does nothing. The caller holds no shard lock. When
    /// a read triggers it, this is the one time a read takes locks.
    /// </summary>
    private void RandomizeHash() =>
        ReplaceShards(this, static (current, map) => current[0].RandomizedHash ? null : map.Rehashed(current));

    /// <summary>
    /// A copy of <paramref name="current"/> on the randomized hash, with fresh nodes (a node's hash never changes, and
    /// readers may still be walking the old ones) and bucket arrays sized for each new shard's count by
    /// <see cref="MaxLoad"/>. Caller holds every shard lock.
    /// </summary>
    private Shard[] Rehashed(Shard[] current)
    {
        int total = 0;
        for (int s = 0; s < current.Length; s++)
        {
            total += current[s].Count;
        }

        // First walk: each entry's new hash, in walk order, and the size of each new shard.
        uint[] hashes = new uint[total];
        int[] counts = new int[current.Length];
        int next = 0;
        foreach (Shard shard in current)
        {
            foreach (Node? head in shard.Buckets)
            {
                for (Node? node = head; node is not null; node = node.Next)
                {
                    uint hash = _keys.Hash(node.Key, randomized: true);
                    hashes[next++] = hash;
                    counts[ShardIndex(hash)]++;
                }
            }
        }

        // INVARIANT: the shard counts, exact under every lock, sum to the entries the walk met.
        System.Diagnostics.Debug.Assert(next == total, "shard counts disagree with the chains");

        var rehashed = new Shard[current.Length];
        for (int s = 0; s < rehashed.Length; s++)
        {
            int buckets = MinBucketsPerShard;
            while (counts[s] > MaxLoad(buckets))
            {
                buckets *= 2;
            }

            rehashed[s] = new Shard(current[s].Lock, buckets, randomizedHash: true) { Count = counts[s] };
        }

        // Second walk, in the same order: link a new node for each entry. The array is private until it is published.
        next = 0;
        foreach (Shard shard in current)
        {
            foreach (Node? head in shard.Buckets)
            {
                for (Node? node = head; node is not null; node = node.Next)
                {
                    uint hash = hashes[next++];
                    Node?[] buckets = rehashed[ShardIndex(hash)].Buckets;
                    ref Node? bucket = ref buckets[BucketOf(hash, buckets.Length)];
                    bucket = new Node(node.Key, hash, node.Value, bucket);
                }
            }
        }

        return rehashed;
    }
}
