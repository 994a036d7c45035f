using MapGuard.Internal;

namespace MapGuard.Tests.Flooding;

/// <summary>
/// LockFreeMap and ReadMostlyMap place integer keys by their own low bits (home slot = key modulo the table's length),
/// so sequential IDs take consecutive slots and never collide. Anyone can choose integers that share low bits, so a
/// probe that passes <see cref="HashHelpers.IdentityProbeBound"/> slots, an insert's (for ReadMostlyMap, a promotion's
/// placement) or a lookup's, or that meets more than <see cref="HashFloodMonitor.CollisionBound"/> keys of one full
/// hash, rebuilds the map for good on the seeded hash: wherever the keys sit and however full the table is.
/// </summary>
public sealed class IdentityPlacementTests
{
    private const int ProbeBound = HashHelpers.IdentityProbeBound;

    public static TheoryData<string> Maps => ["LockFreeMap", "ReadMostlyMap"];

    // 90,000 sequential IDs: one cluster of busy slots from slot 0, in a table they nearly fill (LockFreeMap: built for
    // 120,000; ReadMostlyMap: a read table of 131,072 slots, about 2/3 full).
    public static TheoryData<string, int> MapsAndPrefills => new()
    {
        { "LockFreeMap", 0 },
        { "LockFreeMap", 90_000 },
        { "ReadMostlyMap", 0 },
        { "ReadMostlyMap", 90_000 },
    };

    [Theory]
    [InlineData("LockFreeMap", 0L)]
    [InlineData("LockFreeMap", 1_000_000_000_000L)]
    [InlineData("LockFreeMap", -50_000L)]
    [InlineData("ReadMostlyMap", 0L)]
    [InlineData("ReadMostlyMap", 1_000_000_000_000L)]
    public void SequentialIds_StayIdentityPlaced_ThroughEveryResize(string kind, long first)
    {
        IConcurrentMap<long, long> map = Create<long>(kind);
        Assert.False(IsSeeded(map));
        for (long i = 0; i < 200_000; i++)
        {
            map[first + i] = i;
        }

        Promote(map);
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
        Promote(map);
        Assert.False(IsSeeded(map));
    }

    [Fact]
    public void EveryIntegerKeyType_StartsIdentityPlaced_AndOtherKeysOrComparersDoNot()
    {
        Assert.False(new LockFreeMap<int, int>().HashIsRandomized);
        Assert.False(new LockFreeMap<uint, int>().HashIsRandomized);
        Assert.False(new LockFreeMap<long, int>().HashIsRandomized);
        Assert.False(new LockFreeMap<ulong, int>().HashIsRandomized);
        Assert.False(new ReadMostlyMap<int, int>().HashIsRandomized);
        Assert.False(new ReadMostlyMap<ulong, int>().HashIsRandomized);
        Assert.True(new LockFreeMap<Guid, int>().HashIsRandomized);
        Assert.True(new LockFreeMap<(long, long), int>().HashIsRandomized);
        Assert.True(new ReadMostlyMap<(long, long), int>().HashIsRandomized);
        var comparer = EqualityComparer<long>.Create((a, b) => a == b, k => k.GetHashCode());
        Assert.True(new LockFreeMap<long, int>(comparer).HashIsRandomized);
        Assert.True(new ReadMostlyMap<long, int>(comparer).HashIsRandomized);
    }

    [Theory]
    [MemberData(nameof(MapsAndPrefills))]
    public void InsertsOfKeysSharingTheirLowBits_SwitchToTheSeededHash_AndKeepEveryKey(string kind, int prefill)
    {
        IConcurrentMap<long, long> map = Prefilled(kind, prefill);
        Assert.False(IsSeeded(map));

        long[] attack = SharingLowBits(2_000);
        for (int i = 0; i < attack.Length; i++)
        {
            map[attack[i]] = i;
        }

        Promote(map);
        Assert.True(IsSeeded(map));
        AssertHolds(map, prefill, attack);
    }

    [Theory]
    [MemberData(nameof(MapsAndPrefills))]
    public void ALookupThatPassesTheProbeBound_SwitchesToTheSeededHash(string kind, int prefill)
    {
        IConcurrentMap<long, long> map = Prefilled(kind, prefill);
        long[] stored = prefill == 0 ? SharingLowBits(ProbeBound) : [];

        // Each insert (or placement) passes the keys before it: at most ProbeBound - 1 slots, so none switches.
        for (int i = 0; i < stored.Length; i++)
        {
            map[stored[i]] = i;
        }

        Promote(map);
        Assert.False(IsSeeded(map));

        // Home slot 0, and a full hash (the low 32 bits, 2^31) that no stored key has: passes the stored keys, or the
        // prefill's cluster, without meeting its own hash.
        Assert.False(map.TryGetValue((1L << 50) | (1L << 31), out _));
        Assert.True(IsSeeded(map));
        AssertHolds(map, prefill, stored);
    }

    [Theory]
    [MemberData(nameof(Maps))]
    public void KeysSharingTheirLow32Bits_SwitchOnFullHashCollisions_BeforeAnyLongProbe(string kind)
    {
        // Home slot 5 for all, distinct keys, one full hash: the tenth placement meets nine others in a probe of nine.
        IConcurrentMap<long, long> map = Create<long>(kind);
        long[] keys = [.. Enumerable.Range(1, HashFloodMonitor.CollisionBound + 2).Select(i => ((long)i << 32) | 5)];
        for (int i = 0; i < keys.Length - 1; i++)
        {
            map[keys[i]] = i;
        }

        Promote(map);
        Assert.False(IsSeeded(map));
        map[keys[^1]] = keys.Length - 1;
        Promote(map);
        Assert.True(IsSeeded(map));
        AssertHolds(map, 0, keys);
    }

    [Theory]
    [MemberData(nameof(Maps))]
    public void ThirtyTwoBitKeys_SwitchLikeSixtyFourBitOnes(string kind)
    {
        IConcurrentMap<int, int> map = Create<int>(kind);
        for (int i = 0; i < 1_000; i++)
        {
            map[i] = i;
        }

        Promote(map);
        Assert.False(IsSeeded(map));
        for (int i = 1; i <= 100; i++)
        {
            map[i << 20] = -i;
        }

        Promote(map);
        Assert.True(IsSeeded(map));
        Assert.Equal(1_100, map.Count);
        Assert.Equal(999, map[999]);
        Assert.Equal(-100, map[100 << 20]);
    }

    [Theory]
    [MemberData(nameof(Maps))]
    public void TwoIdentityPlacedMaps_EnumerateByKey_ButAfterTheSwitch_EachUsesItsOwnSeed(string kind)
    {
        // Identity placement reveals only the keys' own low bits; the seeded hash that follows the switch is per map.
        IConcurrentMap<long, long> first = Create<long>(kind);
        IConcurrentMap<long, long> second = Create<long>(kind);
        for (long i = 0; i < 1_000; i++)
        {
            first[i] = i;
            second[i] = i;
        }

        Assert.Equal(Enumerable.Range(0, 1_000).Select(i => (long)i), first.Select(pair => pair.Key));
        first.TryGetValue((1L << 50) | (1L << 31), out _);
        second.TryGetValue((1L << 50) | (1L << 31), out _);
        Assert.True(IsSeeded(first) && IsSeeded(second));
        Assert.NotEqual(first.Select(pair => pair.Key), second.Select(pair => pair.Key));
        Assert.Equal(first.Select(pair => pair.Key).Order(), second.Select(pair => pair.Key).Order());
    }

    // Distinct keys whose low 20 bits are all 0: one home slot in any table of up to 2^20 slots, distinct full hashes.
    private static long[] SharingLowBits(int count) => [.. Enumerable.Range(1, count).Select(i => (long)i << 20)];

    private static IConcurrentMap<TKey, TKey> Create<TKey>(string kind)
        where TKey : notnull => kind switch
        {
            "LockFreeMap" => new LockFreeMap<TKey, TKey>(120_000),
            "ReadMostlyMap" => new ReadMostlyMap<TKey, TKey>(),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown map"),
        };

    private static bool IsSeeded<TKey>(IConcurrentMap<TKey, TKey> map)
        where TKey : notnull => map switch
        {
            LockFreeMap<TKey, TKey> lockFree => lockFree.HashIsRandomized,
            ReadMostlyMap<TKey, TKey> readMostly => readMostly.HashIsRandomized,
            _ => throw new ArgumentOutOfRangeException(nameof(map)),
        };

    // ReadMostlyMap places new keys in a read table only when it promotes its dirty table; enumerating promotes.
    private static void Promote<TKey>(IConcurrentMap<TKey, TKey> map)
        where TKey : notnull
    {
        using IEnumerator<KeyValuePair<TKey, TKey>> enumerator = map.GetEnumerator();
        enumerator.MoveNext();
    }

    private static IConcurrentMap<long, long> Prefilled(string kind, int prefill)
    {
        IConcurrentMap<long, long> map = Create<long>(kind);
        for (long i = 0; i < prefill; i++)
        {
            map[i] = -1;
        }

        Promote(map);
        return map;
    }

    private static void AssertHolds(IConcurrentMap<long, long> map, int prefill, long[] added)
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
