using Microsoft.Extensions.Time.Testing;

namespace MapGuard.Tests.Governance;

public sealed class ExpiryTests
{
    public static TheoryData<MapStrategy> Strategies => [.. Enum.GetValues<MapStrategy>()];

    [Theory]
    [MemberData(nameof(Strategies))]
    public void ExpireAfterWrite_HidesTheEntryOnceItsLifetimePasses(MapStrategy strategy)
    {
        var clock = new FakeTimeProvider();
        IConcurrentMap<string, int> map = MapBuilder.For<string, int>().Use(strategy).ExpireAfterWrite(TimeSpan.FromMinutes(5)).UseTimeProvider(clock).Build();
        map["a"] = 1;

        clock.Advance(TimeSpan.FromMinutes(4));
        Assert.True(map.TryGetValue("a", out _)); // a read does not extend a write lifetime
        map["b"] = 2;

        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.False(map.TryGetValue("a", out _));
        Assert.False(map.ContainsKey("a"));
        Assert.True(map.TryGetValue("b", out _));
        Assert.Equal(["b"], map.Select(pair => pair.Key));
        Assert.True(map.TryAdd("a", 3)); // an expired key counts as absent
    }

    [Theory]
    [MemberData(nameof(Strategies))]
    public void ExpireAfterAccess_EachReadExtendsTheLifetime(MapStrategy strategy)
    {
        var clock = new FakeTimeProvider();
        IConcurrentMap<string, int> map = MapBuilder.For<string, int>().Use(strategy).ExpireAfterAccess(TimeSpan.FromMinutes(5)).UseTimeProvider(clock).Build();
        map["a"] = 1;
        for (int i = 0; i < 5; i++)
        {
            clock.Advance(TimeSpan.FromMinutes(4));
            Assert.True(map.TryGetValue("a", out _));
        }

        clock.Advance(TimeSpan.FromMinutes(5));
        Assert.False(map.TryGetValue("a", out _));
    }

    [Fact]
    public void ExpiredEntries_AreSweptByTheTimer_WithoutAnyFurtherWrite()
    {
        var clock = new FakeTimeProvider();
        var notices = new List<EvictionNotice<int, int>>();
        IConcurrentMap<int, int> map = MapBuilder.For<int, int>()
            .ExpireAfterWrite(TimeSpan.FromMinutes(1))
            .UseTimeProvider(clock)
            .OnEviction(n => { lock (notices) { notices.Add(n); } })
            .Build();
        for (int i = 0; i < 100; i++)
        {
            map[i] = i;
        }

        Assert.Equal(100, map.Count);
        clock.Advance(TimeSpan.FromMinutes(2)); // fires the cleanup timer (FakeTimeProvider runs due timers inline)

        Assert.Equal(0, map.Count);
        lock (notices)
        {
            Assert.Equal(100, notices.Count);
            Assert.All(notices, n => Assert.Equal(EvictionReason.Expired, n.Reason));
        }
    }

    [Fact]
    public void ExpiredEntries_AreSweptByLaterWrites()
    {
        var clock = new FakeTimeProvider();
        var map = (IConcurrentMap<int, int>)MapBuilder.For<int, int>().ExpireAfterWrite(TimeSpan.FromHours(1)).UseTimeProvider(clock).Build();
        for (int i = 0; i < 10; i++)
        {
            map[i] = i;
        }

        clock.SetUtcNow(clock.GetUtcNow() + TimeSpan.FromHours(2)); // jumps past the timer's first tick as well
        for (int i = 100; i < 110; i++)
        {
            map[i] = i;
        }

        Assert.Equal(10, map.Count);
        Assert.Equal(Enumerable.Range(100, 10), map.Select(p => p.Key).Order());
    }

    [Fact]
    public void RejectPolicy_MakesRoomFromExpiredEntriesBeforeRefusing()
    {
        var clock = new FakeTimeProvider();
        IConcurrentMap<int, int> map = MapBuilder.For<int, int>()
            .WithCapacity(2, Eviction.Reject).ExpireAfterWrite(TimeSpan.FromSeconds(30)).UseTimeProvider(clock).Build();
        map[1] = 1;
        map[2] = 2;
        Assert.False(map.TryAdd(3, 3));

        clock.Advance(TimeSpan.FromSeconds(31));
        Assert.True(map.TryAdd(3, 3));
    }
}
