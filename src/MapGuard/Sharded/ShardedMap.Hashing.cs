using System.Runtime.CompilerServices;
using MapGuard.Internal;

namespace MapGuard;

public sealed partial class ShardedMap<TKey, TValue>
{
    /// <summary>
    /// Whether the key type can start on a fast hash (<see cref="KeyComparer{TKey}.StartsFast"/>): integer keys, placed
    /// by their own bits, and ordinal strings. The JIT folds it to false for every other key type, so their arrays'
    /// mode is never loaded. Where it is true the array's flag decides: integer keys under a user comparer start
    /// randomized.
    /// </summary>
    private bool MayStartFast
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => KeyComparer<TKey>.IsIntegerKey || _keys.StartsOnFastHash;
    }

    /// <summary>Whether <paramref name="shards"/> hashes keys with the randomized hash; see <see cref="MayStartFast"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool IsRandomized(Shard[] shards) => !MayStartFast || shards[0].RandomizedHash;

    /// <summary>
    /// The key's hash in the current shard array, and whether that is the randomized hash: a first guess for the write
    /// paths, which check it against the array they lock (<see cref="HashIn"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private uint Hash(TKey key, out bool randomized)
    {
        // ORDER: Volatile.Read (acquire) of the current array; only a guess, rechecked against the array that is used.
        randomized = IsRandomized(Volatile.Read(ref _shards));
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
        if (MayStartFast && shards[0].RandomizedHash != randomized)
        {
            randomized = shards[0].RandomizedHash;
            hash = _keys.Hash(key, randomized);
        }

        return hash;
    }

    /// <summary>
    /// Counts, for an insert or a set, a stored key that shares the key's full hash but is not equal to it. On a fast
    /// hash, returns true when the walk passes <see cref="HashFloodMonitor.CollisionBound"/>: the caller moves the map
    /// to the randomized hash once it has released its lock. Otherwise the monitor counts it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool CountCollision(bool randomized, ref int collisions)
    {
        if (MayStartFast && !randomized)
        {
            return ++collisions == HashFloodMonitor.CollisionBound + 1;
        }

        HashFloodMonitor.CountCollision(ref collisions, this, _label);
        return false;
    }

    /// <summary>
    /// As <see cref="CountCollision"/>, for the walks that do not report to the monitor (reads, updates, removes): counts
    /// only on a fast hash, where chance gives a few keys of one 32-bit hash and more than
    /// <see cref="HashFloodMonitor.CollisionBound"/> is an attack on it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool CountFastHashCollision(bool randomized, ref int collisions) =>
        MayStartFast && !randomized && ++collisions == HashFloodMonitor.CollisionBound + 1;

    /// <summary>
    /// Whether an insert that walked a chain of <paramref name="chain"/> nodes, in an array that places integer keys by
    /// their own bits (<see cref="PlacedByIdentity"/>), met keys chosen to share those bits: sequential IDs never share
    /// a bucket and random integers at load 1 share one with a few at most, so passing
    /// <see cref="HashHelpers.IdentityProbeBound"/> is not chance. The caller then moves the map to the seeded hash, as
    /// for a full-hash flood. Only inserts lengthen chains, so this check on them keeps every chain of such an array
    /// within the bound, plus one node per insert racing the move; reads need not count.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool ChainTooLong(bool randomized, int chain) => PlacedByIdentity(randomized) && chain > HashHelpers.IdentityProbeBound;

    /// <summary>
    /// Moves the map to the randomized hash (the seeded one, for integer keys): under every shard lock, copies each entry into a new shard array
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
                    counts[ShardIndex(hash, randomized: true, counts.Length)]++;
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
                    Node?[] buckets = rehashed[ShardIndex(hash, randomized: true, rehashed.Length)].Buckets;
                    ref Node? bucket = ref buckets[BucketOf(hash, buckets.Length, randomized: true)];
                    bucket = new Node(node.Key, hash, node.Value, bucket);
                }
            }
        }

        return rehashed;
    }
}
