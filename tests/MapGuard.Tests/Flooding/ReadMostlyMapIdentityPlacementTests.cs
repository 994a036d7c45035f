using MapGuard.Internal;

namespace MapGuard.Tests.Flooding;

/// <summary>
/// ReadMostlyMap builds its read tables for integer keys placed by their own low bits (home slot = key modulo the
/// length), so sequential IDs sit at home, and records how far any key lies from home so that a lookup never probes
/// further. A promotion whose keys land more than <see cref="HashHelpers.IdentityProbeBound"/> slots from home, or
/// pass more than <see cref="HashFloodMonitor.CollisionBound"/> keys of one full hash, builds on the seeded hash
/// instead, for good; so does a lookup that meets that many. Every key stays findable.
/// </summary>
public sealed class ReadMostlyMapIdentityPlacementTests
{
    private const int ProbeBound = HashHelpers.IdentityProbeBound;

    public static TheoryData<int> Prefills => [0, 90_000];

    [Theory]
    [InlineData(0L)]
    [InlineData(1_000_000_000_000L)]
    [InlineData(-50_000L)]
    public void SequentialIds_StayAtHome_ThroughEveryPromotion(long first)
    {
        var map = new ReadMostlyMap<long, long>();
        for (long i = 0; i < 200_000; i++)
        {
            map[first + i] = i;
        }

        Promote(map);
        Assert.False(map.HashIsRandomized);
        Assert.Equal(0, map.ReadTableMaxProbe);
        for (long i = 0; i < 200_000; i += 2)
        {
            Assert.True(map.TryRemove(first + i, out long removed));
            Assert.Equal(i, removed);
        }

        Promote(map);
        for (long i = 1; i < 200_000; i += 2)
        {
            Assert.Equal(i, map[first + i]);
        }

        Assert.False(map.ContainsKey(first + 200_000));
        Assert.Equal(100_000, map.Count);
        Assert.False(map.HashIsRandomized);
        Assert.Equal(0, map.ReadTableMaxProbe);
    }

    [Theory]
    [MemberData(nameof(Prefills))]
    public void APromotionOfKeysSharingTheirLowBits_BuildsOnTheSeededHash_AndKeepsEveryKey(int prefill)
    {
        ReadMostlyMap<long, long> map = Prefilled(prefill);
        long[] attack = SharingLowBits(2_000);
        for (int i = 0; i < attack.Length; i++)
        {
            map[attack[i]] = i;
        }

        Promote(map);
        Assert.True(map.HashIsRandomized);
        AssertHolds(map, prefill, attack);
    }

    [Fact]
    public void KeysUpToTheBoundFromHome_StayIdentityPlaced_AndOneMoreDoesNot()
    {
        // One home slot: the k-th key placed lies k - 1 slots from it.
        var map = new ReadMostlyMap<long, long>();
        long[] keys = SharingLowBits(ProbeBound + 2);
        for (int i = 0; i < keys.Length - 1; i++)
        {
            map[keys[i]] = i;
        }

        Promote(map);
        Assert.False(map.HashIsRandomized);
        Assert.Equal(ProbeBound, map.ReadTableMaxProbe);

        map[keys[^1]] = keys.Length - 1;
        Promote(map);
        Assert.True(map.HashIsRandomized);
        AssertHolds(map, 0, keys);
    }

    [Fact]
    public void ALookupOfAnAbsentKeyWhoseHomeIsInsideARunOfIds_FindsNothing_AndLeavesThePlacement()
    {
        // 90,000 IDs fill slots 0..89,999 of a 262,144-slot table; an absent key with home slot 5 lies in that run.
        ReadMostlyMap<long, long> map = Prefilled(90_000);
        Assert.Equal(0, map.ReadTableMaxProbe);
        Assert.False(map.TryGetValue((1L << 40) | 5, out _));
        Assert.False(map.TryRemove((1L << 40) | 5, out _));
        Assert.False(map.HashIsRandomized);
        AssertHolds(map, 90_000, []);
    }

    [Fact]
    public void KeysSharingTheirLow32Bits_MoveToTheSeededHash_ByAPromotion_OrByALookupThatMeetsThem()
    {
        // Distinct keys, one full hash (their low 32 bits).
        long[] keys = [.. Enumerable.Range(1, HashFloodMonitor.CollisionBound + 2).Select(i => ((long)i << 32) | 5)];

        var placed = new ReadMostlyMap<long, long>();
        for (int i = 0; i < keys.Length; i++)
        {
            placed[keys[i]] = i;
        }

        Promote(placed);
        Assert.True(placed.HashIsRandomized);
        AssertHolds(placed, 0, keys);

        // As many as a promotion accepts, then a lookup of one more meets them all.
        var looked = new ReadMostlyMap<long, long>();
        for (int i = 0; i < keys.Length - 1; i++)
        {
            looked[keys[i]] = i;
        }

        Promote(looked);
        Assert.False(looked.HashIsRandomized);
        Assert.False(looked.TryGetValue(keys[^1], out _));
        Assert.True(looked.HashIsRandomized);
        AssertHolds(looked, 0, keys[..^1]);
    }

    [Fact]
    public void RandomIntegers_KeepEveryKey_WhicheverPlacementTheirTablesGet()
    {
        var random = new Random(11);
        long[] keys = [.. Enumerable.Range(0, 300_000).Select(_ => random.NextInt64())];
        var map = new ReadMostlyMap<long, long>();
        for (int i = 0; i < keys.Length; i++)
        {
            map[keys[i]] = i;
        }

        Promote(map);
        AssertHolds(map, 0, keys);
    }

    [Fact]
    public void ThirtyTwoBitKeys_MoveLikeSixtyFourBitOnes()
    {
        var map = new ReadMostlyMap<int, int>();
        for (int i = 0; i < 1_000; i++)
        {
            map[i] = i;
        }

        Promote(map);
        Assert.False(map.HashIsRandomized);
        for (int i = 1; i <= 100; i++)
        {
            map[i << 20] = -i;
        }

        Promote(map);
        Assert.True(map.HashIsRandomized);
        Assert.Equal(1_100, map.Count);
        Assert.Equal(999, map[999]);
        Assert.Equal(-100, map[100 << 20]);
    }

    [Fact]
    public void TwoIdentityPlacedMaps_EnumerateByKey_ButAfterTheMove_EachUsesItsOwnSeed()
    {
        var first = new ReadMostlyMap<long, long>();
        var second = new ReadMostlyMap<long, long>();
        for (long i = 0; i < 1_000; i++)
        {
            first[i] = i;
            second[i] = i;
        }

        Assert.Equal(Enumerable.Range(0, 1_000).Select(i => (long)i), first.Select(pair => pair.Key));
        foreach (long key in SharingLowBits(ProbeBound + 2))
        {
            first[key] = 0;
            second[key] = 0;
        }

        Promote(first);
        Promote(second);
        Assert.True(first.HashIsRandomized && second.HashIsRandomized);
        Assert.NotEqual(first.Select(pair => pair.Key), second.Select(pair => pair.Key));
        Assert.Equal(first.Select(pair => pair.Key).Order(), second.Select(pair => pair.Key).Order());
    }

    // Distinct keys whose low 20 bits are all 0: one home slot in any table of up to 2^20 slots, distinct full hashes.
    private static long[] SharingLowBits(int count) => [.. Enumerable.Range(1, count).Select(i => (long)i << 20)];

    // New keys reach a read table only when the dirty table is promoted; an enumeration promotes it.
    private static void Promote<TKey, TValue>(ReadMostlyMap<TKey, TValue> map)
        where TKey : notnull
    {
        using IEnumerator<KeyValuePair<TKey, TValue>> enumerator = map.GetEnumerator();
        enumerator.MoveNext();
    }

    private static ReadMostlyMap<long, long> Prefilled(int prefill)
    {
        var map = new ReadMostlyMap<long, long>();
        for (long i = 0; i < prefill; i++)
        {
            map[i] = -1;
        }

        Promote(map);
        return map;
    }

    private static void AssertHolds(ReadMostlyMap<long, long> map, int prefill, long[] added)
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
