using MapGuard.Internal;

namespace MapGuard.Tests.Flooding;

/// <summary>
/// LockFreeMap places integer keys by their own low bits (home slot = key modulo the table's length), so sequential IDs
/// take consecutive slots and never collide. Anyone can choose integers that share low bits, so a probe that passes
/// the map's bound of 32 slots, an insert's or a lookup's, or that meets more than
/// <see cref="HashFloodMonitor.CollisionBound"/> keys of one full hash, rebuilds the map for good on the seeded hash:
/// wherever the keys sit and however full the table is.
/// </summary>
public sealed class IdentityPlacementTests
{
    private const int ProbeBound = HashHelpers.IdentityProbeBound;

    // 90,000 sequential IDs nearly reach the threshold of a 131,072-slot table: one cluster of busy slots from 0.
    public static TheoryData<int> Prefills => [0, 90_000];

    [Theory]
    [InlineData(0L)]
    [InlineData(1_000_000_000_000L)]
    [InlineData(-50_000L)]
    public void SequentialIds_StayIdentityPlaced_ThroughEveryResize(long first)
    {
        var map = new LockFreeMap<long, long>();
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
    [InlineData("LockFreeMap")]
    [InlineData("ShardedMap")]
    [InlineData("ReadMostlyMap")]
    public void EveryIntegerKeyType_StartsIdentityPlaced_AndOtherKeysOrComparersDoNot(string kind)
    {
        // The same rule in every map that places integer keys by their bits (KeyComparer.PlacesByIdentity).
        Assert.False(StartsSeeded<int>(kind));
        Assert.False(StartsSeeded<uint>(kind));
        Assert.False(StartsSeeded<long>(kind));
        Assert.False(StartsSeeded<ulong>(kind));
        Assert.True(StartsSeeded<Guid>(kind));
        Assert.True(StartsSeeded<(long, long)>(kind));
        Assert.True(StartsSeeded(kind, EqualityComparer<long>.Create((a, b) => a == b, k => k.GetHashCode())));
    }

    [Theory]
    [MemberData(nameof(Prefills))]
    public void InsertsOfKeysSharingTheirLowBits_SwitchToTheSeededHash_AndKeepEveryKey(int prefill)
    {
        LockFreeMap<long, long> map = Prefilled(prefill);
        Assert.False(map.HashIsRandomized);

        long[] attack = SharingLowBits(2_000);
        for (int i = 0; i < attack.Length; i++)
        {
            map[attack[i]] = i;
        }

        Assert.True(map.HashIsRandomized);
        AssertHolds(map, prefill, attack);
    }

    [Theory]
    [MemberData(nameof(Prefills))]
    public void ALookupThatPassesTheProbeBound_SwitchesToTheSeededHash(int prefill)
    {
        LockFreeMap<long, long> map = Prefilled(prefill);
        long[] stored = prefill == 0 ? SharingLowBits(ProbeBound) : [];

        // Each insert passes the keys before it: at most ProbeBound - 1 slots, so no insert switches.
        for (int i = 0; i < stored.Length; i++)
        {
            map[stored[i]] = i;
        }

        Assert.False(map.HashIsRandomized);
        // Home slot 0, and a full hash (the low 32 bits, 2^31) that no stored key has: passes the stored keys, or the
        // prefill's cluster, without meeting its own hash.
        Assert.False(map.TryGetValue((1L << 50) | (1L << 31), out _));
        Assert.True(map.HashIsRandomized);
        AssertHolds(map, prefill, stored);
    }

    [Fact]
    public void KeysSharingTheirLow32Bits_SwitchOnFullHashCollisions_BeforeAnyLongProbe()
    {
        // Home slot 5 for all, distinct keys, one full hash: the tenth insert meets nine others in a probe of nine.
        var map = new LockFreeMap<long, long>();
        long[] keys = [.. Enumerable.Range(1, HashFloodMonitor.CollisionBound + 2).Select(i => ((long)i << 32) | 5)];
        for (int i = 0; i < keys.Length - 1; i++)
        {
            map[keys[i]] = i;
        }

        Assert.False(map.HashIsRandomized);
        map[keys[^1]] = keys.Length - 1;
        Assert.True(map.HashIsRandomized);
        AssertHolds(map, 0, keys);
    }

    [Fact]
    public void ThirtyTwoBitKeys_SwitchLikeSixtyFourBitOnes()
    {
        var map = new LockFreeMap<int, int>();
        for (int i = 0; i < 1_000; i++)
        {
            map[i] = i;
        }

        Assert.False(map.HashIsRandomized);
        for (int i = 1; i <= 100; i++)
        {
            map[i << 20] = -i;
        }

        Assert.True(map.HashIsRandomized);
        Assert.Equal(1_100, map.Count);
        Assert.Equal(999, map[999]);
        Assert.Equal(-100, map[100 << 20]);
    }

    [Fact]
    public void TwoIdentityPlacedMaps_EnumerateByKey_ButAfterTheSwitch_EachUsesItsOwnSeed()
    {
        // Identity placement reveals only the keys' own low bits; the seeded hash that follows the switch is per map.
        var first = new LockFreeMap<long, long>();
        var second = new LockFreeMap<long, long>();
        for (long i = 0; i < 1_000; i++)
        {
            first[i] = i;
            second[i] = i;
        }

        Assert.Equal(Enumerable.Range(0, 1_000).Select(i => (long)i), first.Select(pair => pair.Key));
        first.TryGetValue(1L << 50, out _);
        second.TryGetValue(1L << 50, out _);
        Assert.True(first.HashIsRandomized && second.HashIsRandomized);
        Assert.NotEqual(first.Select(pair => pair.Key), second.Select(pair => pair.Key));
        Assert.Equal(first.Select(pair => pair.Key).Order(), second.Select(pair => pair.Key).Order());
    }

    // Distinct keys whose low 20 bits are all 0: one home slot in any table of up to 2^20 slots, distinct full hashes.
    private static long[] SharingLowBits(int count) => [.. Enumerable.Range(1, count).Select(i => (long)i << 20)];

    // Whether a new map of this kind hashes TKey with its seeded hash from the start.
    private static bool StartsSeeded<TKey>(string kind, IEqualityComparer<TKey>? comparer = null)
        where TKey : notnull => kind switch
        {
            "LockFreeMap" => new LockFreeMap<TKey, int>(comparer).HashIsRandomized,
            "ShardedMap" => new ShardedMap<TKey, int>(comparer).HashIsRandomized,
            "ReadMostlyMap" => new ReadMostlyMap<TKey, int>(comparer).HashIsRandomized,
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown map"),
        };

    private static LockFreeMap<long, long> Prefilled(int prefill)
    {
        var map = new LockFreeMap<long, long>(120_000);
        for (long i = 0; i < prefill; i++)
        {
            map[i] = -1;
        }

        return map;
    }

    private static void AssertHolds(LockFreeMap<long, long> map, int prefill, long[] added)
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
