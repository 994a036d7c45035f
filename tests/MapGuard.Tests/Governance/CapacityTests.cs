using MapGuard.Testing.Governance;

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
    public void TinyLfu_AdmissionKeepsFrequentKeysThroughAScanOfOneHitKeys(MapStrategy strategy)
    {
        // 90 frequent keys in a map of 100: more than the protected segment (80% of the main region) holds, so about a
        // dozen wait in probation, where only the frequency filter stands between them and the scan. The sketch is an
        // estimate under a per-map hash seed, so a scan key can now and then look as popular as a frequent one:
        // judge 20 maps (20 seeds) by their mean, and bound the worst. TinyLfuSeedSweepTests prints the spread over
        // 2,000 maps (worst 87, most keep 89 or 90); before the sketch's fix, some seeds lost all 11 probation keys.
        int[] survivors = [.. Enumerable.Range(0, 20).Select(_ =>
            ScanScenario.FrequentKeysSurviving(MapBuilder.For<int, int>().Use(strategy).WithCapacity(100, Eviction.TinyLfu).Build()))];
        Assert.True(survivors.Average() >= 88.5, $"mean survivors {survivors.Average():F2} of 90: {string.Join(", ", survivors)}");
        Assert.True(survivors.Min() >= 83, $"a map kept only {survivors.Min()} of 90: {string.Join(", ", survivors)}");
    }

    [Fact]
    public void TinyLfu_CountsTheInsertingThreadsBufferedReads_BeforeItDecidesAdmission()
    {
        // Capacity 2: a window of one and a main region of one. "a" moves to main when "b" arrives; "b" is read three
        // times (fewer than a read batch, so the reads are still buffered) and then competes with "a" when "c"
        // arrives. Counted, the reads make "b" the more frequent and it is admitted; uncounted, both were seen once
        // and the incumbent stays.
        IConcurrentMap<string, int> map = MapBuilder.For<string, int>().WithCapacity(2, Eviction.TinyLfu).Build();
        map["a"] = 1;
        map["b"] = 2;
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(2, map["b"]);
        }

        map["c"] = 3;
        Assert.Equal(["b", "c"], map.Select(pair => pair.Key).Order());
    }

    [Fact]
    public void Lru_WithoutAdmission_LosesTheFrequentKeysThatWaitInProbation()
    {
        // The contrast that shows the test above measures admission: recency alone gives probation to the scan.
        int survivors = ScanScenario.FrequentKeysSurviving(MapBuilder.For<int, int>().WithCapacity(100, Eviction.Lru).Build());
        Assert.InRange(survivors, 0, 82);
    }

    [Theory]
    [InlineData(Eviction.Lru, 50, 50)]
    [InlineData(Eviction.Lru, 0, 0)]
    [InlineData(Eviction.TinyLfu, 45, 50)]
    public void KeysReadAgain_SurviveAScan_KeysNeverReadAgainDoNot(Eviction eviction, int minSurvivors, int maxSurvivors)
    {
        // Lru is segmented: a key read once more moves to the protected segment, which a scan cannot flush. A key that
        // was only written waits in probation, which the scan does flush. (TinyLfu keeps even those: on a frequency tie
        // the incumbent wins, so the scan's one-hit keys are refused, until the sketch's periodic halving ages a few hot keys out.)
        bool readAgain = maxSurvivors > 0;
        IConcurrentMap<int, int> map = MapBuilder.For<int, int>().WithCapacity(100, eviction).Build();
        for (int hot = 0; hot < 50; hot++)
        {
            map[hot] = hot;
        }

        if (readAgain)
        {
            for (int hot = 0; hot < 50; hot++)
            {
                Assert.True(map.TryGetValue(hot, out _));
            }
        }

        for (int scan = 1_000; scan < 11_000; scan++)
        {
            map[scan] = scan;
        }

        Assert.InRange(Enumerable.Range(0, 50).Count(map.ContainsKey), minSurvivors, maxSurvivors);
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
