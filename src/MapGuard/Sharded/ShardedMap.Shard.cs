using System.Diagnostics;
using MapGuard.Internal;

namespace MapGuard;

public sealed partial class ShardedMap<TKey, TValue>
{
    /// <summary>
    /// One lock and the chained table it guards. A struct stored inline in the map's shard array, so a read goes
    /// array element -> bucket array -> node, with no shard object in between.
    /// </summary>
    private struct Shard
    {
        // Created by the map's constructor; Clear's new shard arrays reuse the same Lock objects, index for index.
        public Lock Lock;

        // PUBLISHED BY: Volatile.Write in Grow (under Lock); READ WITH: Volatile.Read into a local. Writers holding Lock
        // read it plainly.
        public Node?[] Buckets;

        // GUARDED BY: Lock for writes, made with Volatile.Write; read without it (Volatile.Read) by Count and IsEmpty.
        public int Count;

        // Whether this array's hashes are the randomized hash (always true for keys that do not start on a fast hash,
        // KeyComparer.StartsFast). The same in every shard of one array, set before the array is published and never
        // changed; readers take it from shards[0], writers from the shard they locked. PUBLISHED BY: the release store
        // of the map's _shards.
        public readonly bool RandomizedHash;

#pragma warning disable CS0169, IDE0051 // Never read: it only keeps neighbouring shards' hot fields off this cache line.
        private Padding64 _padding; // keeps the next shard's Buckets off the line that this shard's Count writes
#pragma warning restore CS0169, IDE0051

        public Shard(Lock shardLock, int bucketCount, bool randomizedHash)
        {
            Lock = shardLock;
            Buckets = new Node?[bucketCount];
            Count = 0;
            RandomizedHash = randomizedHash;
        }

        /// <summary>Doubles the bucket array. Caller holds <see cref="Lock"/>.</summary>
        public void Grow(int shardBits)
        {
            Debug.Assert(Lock.IsHeldByCurrentThread);
            Node?[] old = Buckets;
            var grown = new Node?[old.Length * 2];
            foreach (Node? head in old)
            {
                // Copies, not moves: readers may still be walking the old chains, which must stay intact.
                for (Node? node = head; node is not null; node = node.Next)
                {
                    ref Node? bucket = ref grown[BucketIndex(node.Hash, shardBits, grown.Length, PlacedByIdentity(RandomizedHash))];
                    bucket = new Node(node.Key, node.Hash, node.Value, bucket);
                }
            }

            // ORDER: Volatile.Write (release): the array and its node copies are built before a reader's Volatile.Read
            // (acquire) of Buckets can return it.
            Volatile.Write(ref Buckets, grown);
        }
    }

    /// <summary>A chain link. Key and hash never change; the value changes in place only when that write is atomic.</summary>
    private sealed class Node
    {
        public readonly TKey Key;
        public readonly uint Hash;
        // Written under the shard lock, in place only if ValueTraits<TValue>.IsWriteAtomic (an aligned access the memory
        // model makes atomic); read without it.
        public TValue Value;
        public volatile Node? Next; // GUARDED BY: the shard lock for writes; read without it (volatile read, acquire)

        public Node(TKey key, uint hash, TValue value, Node? next)
        {
            Key = key;
            Hash = hash;
            Value = value;
            Next = next;
        }
    }
}
