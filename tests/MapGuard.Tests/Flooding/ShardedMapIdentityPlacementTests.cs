using MapGuard.Internal;

namespace MapGuard.Tests.Flooding;

/// <summary>
/// ShardedMap places integer keys by their own low bits: the shard is the low bits xored with bits 16 and up, the
/// bucket the bits above the shard's, so sequential IDs put one key in each bucket. Anyone can choose integers that share bits,
/// so an insert into a chain longer than <see cref="HashHelpers.IdentityProbeBound"/>, or a walk that meets more than
/// <see cref="HashFloodMonitor.CollisionBound"/> keys of one full hash (its low 32 bits), moves the whole map for good
/// to the seeded hash; every key stays findable.
/// </summary>
public sealed class ShardedMapIdentityPlacementTests
{
    private const int ChainBound = HashHelpers.IdentityProbeBound;

    public static TheoryData<int> Prefills => [0, 90_000];

    [Theory]
    [InlineData(0L)]
    [InlineData(1_000_000_000_000L)]
    [InlineData(-50_000L)]
    public void SequentialIds_StayIdentityPlaced_ThroughEveryShardResize(long first)
    {
        var map = new ShardedMap<long, long>();
        Assert.False(map.HashIsRandomized);
        for (long i = 0; i < 200_000; i++)
        {
            map[first + i] = i;
        }

        for (long i = 0; i < 200_000; i += 2)
        {
            Assert.True(map.TryRemove(first + i, out long removed));
            Assert.Equal(i, removed);
        }

        for (long i = 1; i < 200_000; i += 2)
        {
            Assert.Equal(i, map[first + i]);
        }

        Assert.False(map.ContainsKey(first + 200_000));
        Assert.Equal(100_000, map.Count);
        Assert.False(map.HashIsRandomized);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(1L << 40)]
    [InlineData(-64_000L)]
    public void SequentialIds_FillEveryShardExactlyEvenly(long first)
    {
        // 128,000 keys over 128 shards: exactly 1,000 in each.
        var map = new ShardedMap<long, long>();
        int[] perShard = new int[map.ShardCount];
        for (long i = 0; i < 128_000; i++)
        {
            map[first + i] = i;
            perShard[map.ShardIndexOf(first + i)]++;
        }

        Assert.All(perShard, n => Assert.Equal(1_000, n));
        Assert.False(map.HashIsRandomized);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(8)]
    [InlineData(128)]
    [InlineData(1_000)]
    public void StridedIds_StayIdentityPlaced_AndSpreadOverShardsAsTheyGrow(int stride)
    {
        // Steps of a power of two share low bits, so a step of 2^k uses 1/2^k of the shards for each run of 65,536;
        // each run moves on to other shards, and no chain grows.
        var map = new ShardedMap<long, long>();
        var shards = new HashSet<int>();
        for (long i = 0; i < 200_000; i++)
        {
            map[i * stride] = i;
            shards.Add(map.ShardIndexOf(i * stride));
        }

        Assert.False(map.HashIsRandomized);
        Assert.Equal(map.ShardCount, shards.Count);
        Assert.Equal(199_999, map[199_999L * stride]);
    }

    [Fact]
    public void RandomIntegers_NeverMeetTheChainBound()
    {
        // Chains at load 1 hold a Poisson(1) number of keys: a chain past 32 among 500,000 random keys has odds far
        // below 10^-25. (Fixed seed: the test is deterministic.)
        var random = new Random(7);
        var map = new ShardedMap<long, long>();
        for (int i = 0; i < 500_000; i++)
        {
            map[random.NextInt64()] = i;
        }

        Assert.False(map.HashIsRandomized);
    }

    [Theory]
    [InlineData("Set", 0)]
    [InlineData("Set", 90_000)]
    [InlineData("TryAdd", 0)]
    [InlineData("GetOrAdd", 90_000)]
    [InlineData("AddOrUpdate", 0)]
    public void AnInsertPastTheChainBound_SwitchesToTheSeededHash_AndKeepsEveryKey(string operation, int prefill)
    {
        ShardedMap<long, long> map = Prefilled(prefill);

        // Keys whose low 23 bits are 0 (SharingLowBits): one chain. The prefill's key 0 shares its bucket, so the inserts
        // below are one chain either way.
        long[] attack = SharingLowBits(ChainBound + 2);
        int chainBefore = prefill == 0 ? 0 : 1;
        for (int i = 0; i < attack.Length - 1 - chainBefore; i++)
        {
            map[attack[i]] = i;
        }

        // Every insert so far walked at most ChainBound nodes; the chain now holds ChainBound + 1, which the next
        // insert walks.
        Assert.False(map.HashIsRandomized);
        long[] stored = attack[..^(1 + chainBefore)];
        long key = attack[^(1 + chainBefore)];
        int value = stored.Length;
        switch (operation)
        {
            case "Set":
                map[key] = value;
                break;
            case "TryAdd":
                Assert.True(map.TryAdd(key, value));
                break;
            case "GetOrAdd":
                Assert.Equal(value, map.GetOrAdd(key, value));
                break;
            default:
                Assert.Equal(value, map.AddOrUpdate(key, value, (_, _) => -7));
                break;
        }

        Assert.True(map.HashIsRandomized);
        AssertHolds(map, prefill, [.. stored, key]);
    }

    [Fact]
    public void KeysSharingTheirLow32Bits_SwitchOnFullHashCollisions_OnInsertAndOnLookup()
    {
        // One full hash for all: the tenth insert meets nine others, in a chain far shorter than the chain bound.
        long[] keys = [.. Enumerable.Range(1, HashFloodMonitor.CollisionBound + 2).Select(i => ((long)i << 32) | 5)];
        var inserted = new ShardedMap<long, long>();
        for (int i = 0; i < keys.Length - 1; i++)
        {
            inserted[keys[i]] = i;
        }

        Assert.False(inserted.HashIsRandomized);
        inserted[keys[^1]] = keys.Length - 1;
        Assert.True(inserted.HashIsRandomized);
        AssertHolds(inserted, 0, keys);

        var looked = new ShardedMap<long, long>();
        for (int i = 0; i < keys.Length - 1; i++)
        {
            looked[keys[i]] = i;
        }

        Assert.False(looked.TryGetValue(keys[^1], out _));
        Assert.True(looked.HashIsRandomized);
        AssertHolds(looked, 0, keys[..^1]);
    }

    [Fact]
    public void ThirtyTwoBitKeys_SwitchLikeSixtyFourBitOnes()
    {
        var map = new ShardedMap<int, int>();
        for (int i = 0; i < 1_000; i++)
        {
            map[i] = i;
        }

        Assert.False(map.HashIsRandomized);
        for (int i = 1; i <= 100; i++)
        {
            map[i << 23] = -i;
        }

        Assert.True(map.HashIsRandomized);
        Assert.Equal(1_100, map.Count);
        Assert.Equal(999, map[999]);
        Assert.Equal(-100, map[100 << 23]);
        Assert.Equal(1_100, map.ToArray().Length);
    }

    [Fact]
    public void Clear_KeepsTheMode()
    {
        var placed = new ShardedMap<long, long> { [1] = 1 };
        placed.Clear();
        Assert.False(placed.HashIsRandomized);

        ShardedMap<long, long> moved = Prefilled(0);
        foreach (long key in SharingLowBits(ChainBound + 2))
        {
            moved[key] = 0;
        }

        Assert.True(moved.HashIsRandomized);
        moved.Clear();
        Assert.True(moved.HashIsRandomized);
        Assert.True(moved.IsEmpty);
    }

    // Distinct keys whose low 23 bits are all 0: one shard (bits 0-6 and 16-22 are 0) and one bucket in any shard of up
    // to 2^16 buckets, distinct full hashes.
    private static long[] SharingLowBits(int count) => [.. Enumerable.Range(1, count).Select(i => (long)i << 23)];

    private static ShardedMap<long, long> Prefilled(int prefill)
    {
        var map = new ShardedMap<long, long>();
        for (long i = 0; i < prefill; i++)
        {
            map[i] = -1;
        }

        return map;
    }

    private static void AssertHolds(ShardedMap<long, long> map, int prefill, long[] added)
    {
        Assert.Equal(prefill + added.Length, map.Count);
        for (int i = 0; i < added.Length; i++)
        {
            Assert.Equal(i, map[added[i]]);
        }

        for (long i = 0; i < prefill; i++)
        {
            Assert.Equal(-1, map[i]);
        }
    }
}
