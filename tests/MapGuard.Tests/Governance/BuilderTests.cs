namespace MapGuard.Tests.Governance;

public sealed class BuilderTests
{
    [Fact]
    public void NoPolicies_BuildsTheBareMapItself()
    {
        Assert.IsType<LockFreeMap<long, long>>(MapBuilder.For<long, long>().Build());
        Assert.IsType<ShardedMap<long, long>>(MapBuilder.For<long, long>().UseSharded(64).Build());
        Assert.IsType<ReadMostlyMap<long, long>>(MapBuilder.For<long, long>().UseReadMostly().Build());
        Assert.IsType<LockedMap<long, long>>(MapBuilder.For<long, long>().UseLocked().Build());
        Assert.IsType<ConcurrentDictionaryMap<long, long>>(MapBuilder.For<long, long>().UseConcurrentDictionary().Named("cd").Build());
    }

    [Theory]
    [InlineData(Eviction.Reject)]
    [InlineData(Eviction.Lru)]
    [InlineData(Eviction.TinyLfu)]
    public void LargestCapacity_IsABoundNotAReservation(Eviction eviction)
    {
        long allocated = GC.GetAllocatedBytesForCurrentThread();

        IConcurrentMap<long, long> map = MapBuilder.For<long, long>().WithCapacity(int.MaxValue, eviction).Build();
        for (long key = 0; key < 100; key++)
        {
            map[key] = key;
        }

        Assert.Equal(100, map.Count);
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - allocated, 0, 1 << 20);
    }

    [Fact]
    public void InvalidSettings_ThrowNamingTheParameter()
    {
        MapBuilder<string, int> builder = MapBuilder.For<string, int>();
        Assert.Equal("capacity", Assert.Throws<ArgumentOutOfRangeException>(() => builder.WithCapacity(0)).ParamName);
        Assert.Equal("eviction", Assert.Throws<ArgumentOutOfRangeException>(() => builder.WithCapacity(10, (Eviction)42)).ParamName);
        Assert.Equal("lifetime", Assert.Throws<ArgumentOutOfRangeException>(() => builder.ExpireAfterWrite(TimeSpan.Zero)).ParamName);
        Assert.Equal("lifetime", Assert.Throws<ArgumentOutOfRangeException>(() => builder.ExpireAfterAccess(TimeSpan.FromSeconds(-1))).ParamName);
        Assert.Equal("strategy", Assert.Throws<ArgumentOutOfRangeException>(() => builder.Use((MapStrategy)9)).ParamName);
        Assert.Equal("shardCount", Assert.Throws<ArgumentOutOfRangeException>(() => builder.UseSharded(0)).ParamName);
        Assert.Equal("shardCount", Assert.Throws<ArgumentOutOfRangeException>(() => builder.UseSharded(3)).ParamName);
        Assert.Equal("shardCount", Assert.Throws<ArgumentOutOfRangeException>(() => builder.UseSharded(ShardedMap<string, int>.MaxShardCount * 2)).ParamName);
        Assert.Equal("comparer", Assert.Throws<ArgumentNullException>(() => builder.WithComparer(null!)).ParamName);
        Assert.Equal("name", Assert.Throws<ArgumentException>(() => builder.Named(" ")).ParamName);
        Assert.Equal("callback", Assert.Throws<ArgumentNullException>(() => builder.OnEviction(null!)).ParamName);
        Assert.Equal("timeProvider", Assert.Throws<ArgumentNullException>(() => builder.UseTimeProvider(null!)).ParamName);
        Assert.Equal("isAllowed", Assert.Throws<ArgumentNullException>(() => builder.WithKeyRule("r", null!)).ParamName);
    }

    [Fact]
    public void Build_CalledTwice_BuildsTwoIndependentMaps()
    {
        MapBuilder<string, int> builder = MapBuilder.For<string, int>().WithCapacity(10);
        IConcurrentMap<string, int> first = builder.Build(), second = builder.Build();
        first["a"] = 1;
        Assert.NotSame(first, second);
        Assert.True(second.IsEmpty);
    }

    [Fact]
    public void GovernedMap_WithNullKey_ThrowsArgumentNullExceptionNamingKey()
    {
        IConcurrentMap<string, int> map = MapBuilder.For<string, int>().WithCapacity(10).WithKeyRule("any", _ => true).Build();
        Assert.Equal("key", Assert.Throws<ArgumentNullException>(() => map[null!] = 1).ParamName);
        Assert.Equal("key", Assert.Throws<ArgumentNullException>(() => map.TryGetValue(null!, out _)).ParamName);
    }
}
