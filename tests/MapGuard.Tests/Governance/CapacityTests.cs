namespace MapGuard.Tests.Governance;

public sealed class CapacityTests
{
    public static TheoryData<MapStrategy> Strategies => [.. Enum.GetValues<MapStrategy>()];

    [Theory]
    [MemberData(nameof(Strategies))]
    public void Reject_WhenFull_TryAddReturnsFalseAndOtherAddsThrow_MapUnchanged(MapStrategy strategy)
    {
        IConcurrentMap<int, int> map = MapBuilder.For<int, int>().Use(strategy).Named("fuse").WithCapacity(3, Eviction.Reject).Build();
        map[1] = 1;
        map[2] = 2;
        map[3] = 3;

        Assert.False(map.TryAdd(4, 4));
        var error = Assert.Throws<CapacityExceededException>(() => map[4] = 4);
        Assert.Equal("fuse", error.MapName);
        Assert.Equal(3, error.Capacity);
        Assert.Throws<CapacityExceededException>(() => map.GetOrAdd(4, 4));
        Assert.Throws<CapacityExceededException>(() => map.GetOrAdd(4, k => k));
        Assert.Throws<CapacityExceededException>(() => map.AddOrUpdate(4, 4, (_, v) => v));

        map[2] = 20; // an existing key still takes writes when full
        Assert.Equal(3, map.Count);
        Assert.Equal([1, 2, 3], map.Select(pair => pair.Key).Order());
        Assert.Equal(20, map[2]);

        Assert.True(map.TryRemove(1, out _));
        Assert.True(map.TryAdd(4, 4)); // room again
    }

    [Theory]
    [MemberData(nameof(Strategies))]
    public void Lru_EvictsTheOldestKeyThatWasNotReadSinceItsLastChance(MapStrategy strategy)
    {
        var notices = new List<EvictionNotice<string, int>>();
        IConcurrentMap<string, int> map = MapBuilder.For<string, int>().Use(strategy).WithCapacity(3, Eviction.Lru).OnEviction(notices.Add).Build();
        map["a"] = 1;
        map["b"] = 2;
        map["c"] = 3;
        Assert.True(map.TryGetValue("a", out _)); // a gets a second chance; b is now the least recently used

        map["d"] = 4;

        Assert.Equal(["a", "c", "d"], map.Select(pair => pair.Key).Order());
        Assert.Equal([new EvictionNotice<string, int>("b", 2, EvictionReason.Capacity)], notices);
    }

    [Theory]
    [MemberData(nameof(Strategies))]
    public void TinyLfu_KeepsFrequentKeysThroughAScanOfOneHitKeys(MapStrategy strategy)
    {
        IConcurrentMap<int, int> map = MapBuilder.For<int, int>().Use(strategy).WithCapacity(100, Eviction.TinyLfu).Build();
        for (int round = 0; round < 20; round++)
        {
            for (int hot = 0; hot < 50; hot++)
            {
                if (!map.TryGetValue(hot, out _))
                {
                    map[hot] = hot;
                }
            }
        }

        for (int scan = 1_000; scan < 11_000; scan++)
        {
            map[scan] = scan; // each seen once: never more popular than a hot key
        }

        int survivors = Enumerable.Range(0, 50).Count(map.ContainsKey);
        Assert.True(survivors >= 45, $"only {survivors} of 50 frequent keys survived the scan");
        Assert.Equal(100, map.Count);
    }

    [Fact]
    public void Lru_UnderTheSameScan_LosesTheFrequentKeys()
    {
        // The contrast that shows the TinyLfu test measures admission, not luck: recency alone keeps the scan.
        IConcurrentMap<int, int> map = MapBuilder.For<int, int>().WithCapacity(100, Eviction.Lru).Build();
        for (int round = 0; round < 20; round++)
        {
            for (int hot = 0; hot < 50; hot++)
            {
                map.TryAdd(hot, hot);
                map.TryGetValue(hot, out _);
            }
        }

        for (int scan = 1_000; scan < 11_000; scan++)
        {
            map[scan] = scan;
        }

        Assert.True(Enumerable.Range(0, 50).Count(map.ContainsKey) < 5);
    }

    [Theory]
    [InlineData(Eviction.Reject)]
    [InlineData(Eviction.Lru)]
    [InlineData(Eviction.TinyLfu)]
    public void CapacityOfOne_HoldsAtMostOneKey(Eviction eviction)
    {
        IConcurrentMap<int, int> map = MapBuilder.For<int, int>().WithCapacity(1, eviction).Build();
        for (int i = 0; i < 10; i++)
        {
            map.TryAdd(i, i);
            Assert.InRange(map.Count, 0, 1);
        }
    }
}
