using MapGuard.Internal;
using MapGuard.Tests.Conformance;

namespace MapGuard.Tests.Maps;

public sealed class ShardedMapTests : ConcurrentMapSuite
{
    protected override IConcurrentMap<TKey, TValue> Create<TKey, TValue>(IEqualityComparer<TKey>? comparer = null) =>
        new ShardedMap<TKey, TValue>(comparer);

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(-8)]
    [InlineData(ShardedMap<int, int>.MaxShardCount * 2)]
    public void Constructor_WhenShardCountIsNotAPowerOfTwoInRange_ThrowsNamingShardCount(int shardCount) =>
        Assert.Equal("shardCount", Assert.Throws<ArgumentOutOfRangeException>(() => new ShardedMap<int, int>(shardCount)).ParamName);

    [Theory]
    [InlineData(16, -1)]
    [InlineData(1, int.MaxValue)] // rounding up to a power of two wrapped to a negative bucket count: OverflowException
    [InlineData(2, int.MaxValue)] // reserved two arrays of 2^30 bucket references, 16 GB
    [InlineData(1, ShardedMap<int, int>.MaxCapacity + 1)]
    [InlineData(ShardedMap<int, int>.MaxShardCount, int.MaxValue)]
    public void Constructor_WhenCapacityIsOutOfRange_ThrowsNamingCapacity(int shardCount, int capacity)
    {
        long allocated = GC.GetAllocatedBytesForCurrentThread();

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new ShardedMap<int, int>(shardCount, capacity));

        Assert.Equal("capacity", error.ParamName);
        Assert.Equal(capacity, error.ActualValue);
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - allocated, 0, 1 << 20); // refused before any shard exists
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(128)]
    [InlineData(ShardedMap<int, int>.MaxShardCount)]
    public void AnyValidShardCount_StoresAndFindsEveryKey(int shardCount)
    {
        var map = new ShardedMap<int, int>(shardCount);
        Assert.Equal(shardCount, map.ShardCount);
        for (int i = 0; i < 20_000; i++)
        {
            map[i] = i;
        }

        Assert.Equal(20_000, map.Count);
        Assert.All(Enumerable.Range(0, 20_000), i => Assert.Equal(i, map[i]));
    }

    [Fact]
    public void TheBucket_IsTheHashBitsJustBelowTheShardBits()
    {
        // On a seeded hash the bucket index must use the hash's most significant bits after the shard's (the ones
        // multiply-shift hashing makes universal), whatever the shard and bucket counts; on an identity hash, the key's
        // bits just above the shard's.
        var random = new Random(5);
        for (int shardBits = 0; shardBits <= 16; shardBits++)
        {
            for (int bucketBits = 1; bucketBits <= 30 - shardBits; bucketBits++)
            {
                for (int i = 0; i < 64; i++)
                {
                    uint hash = (uint)random.NextInt64(1L << 32);
                    int expected = (int)((ulong)hash << (32 + shardBits) >> (64 - bucketBits));
                    Assert.Equal(expected, ShardedMap<int, int>.BucketIndex(hash, shardBits, 1 << bucketBits, identity: false));
                    Assert.Equal((int)((hash >> shardBits) & ((1u << bucketBits) - 1)), ShardedMap<int, int>.BucketIndex(hash, shardBits, 1 << bucketBits, identity: true));
                }
            }
        }
    }

    [Fact]
    public void SequentialIntegerKeys_SpreadEvenlyOverShards_ForAlmostEverySeed_AfterTheSwitchToTheSeededHash()
    {
        // Each map draws its own hash seed. Multiply-shift hashing spreads sequential keys evenly for almost every seed,
        // not for all: 7 seeds in 1,000 left some shard more than 20% off (measured). So the test asks it of 95 maps
        // in 100; at 7 in 1,000 the odds of more than 5 misses are about 1 in 12,000. Integer keys start placed by
        // their own bits (exactly even, ShardedMapIdentityPlacementTests), so each map is first moved to the seeded
        // hash by keys that share their low 23 bits: one chain, longer than the identity bound.
        int even = 0;
        for (int seed = 0; seed < 100; seed++)
        {
            var map = new ShardedMap<int, int>();
            for (int i = 1; i <= HashHelpers.IdentityProbeBound + 2; i++)
            {
                map[i << 23] = i;
            }

            Assert.True(map.HashIsRandomized);
            int[] perShard = new int[map.ShardCount];
            for (int key = 0; key < 128_000; key++)
            {
                perShard[map.ShardIndexOf(key)]++;
            }

            // 1,000 expected per shard; a fair spread keeps every shard within 20% of that.
            even += perShard.All(n => n is >= 800 and <= 1200) ? 1 : 0;
        }

        Assert.InRange(even, 95, 100);
    }
}
