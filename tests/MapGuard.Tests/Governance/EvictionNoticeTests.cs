namespace MapGuard.Tests.Governance;

public sealed class EvictionNoticeTests
{
    [Fact]
    public void Notices_CarryKeyValueAndReason_ForEveryWayAnEntryLeaves()
    {
        var notices = new List<EvictionNotice<string, int>>();
        IConcurrentMap<string, int> map = MapBuilder.For<string, int>().WithCapacity(2, Eviction.Lru).OnEviction(notices.Add).Build();

        map["a"] = 1;
        map["a"] = 2;                 // Replaced, old value
        Assert.True(map.TryUpdate("a", 3, 2)); // Replaced
        map["b"] = 1;
        map["c"] = 1;                 // Capacity: b, because writing a counted as using it
        Assert.True(map.TryRemove("a", out _)); // Removed
        map.Clear();                  // Removed, for c

        Assert.Equal(
            [
                new("a", 1, EvictionReason.Replaced),
                new("a", 2, EvictionReason.Replaced),
                new("b", 1, EvictionReason.Capacity),
                new("a", 3, EvictionReason.Removed),
                new("c", 1, EvictionReason.Removed),
            ],
            notices);
    }

    [Fact]
    public void ThrowingCallback_NeverFailsTheOperationOrCorruptsTheMap()
    {
        IConcurrentMap<int, int> map = MapBuilder.For<int, int>().WithCapacity(10, Eviction.Lru).OnEviction(_ => throw new InvalidOperationException("callback bug")).Build();
        for (int i = 0; i < 100; i++)
        {
            map[i] = i;
            map[i] = i + 1;
        }

        Assert.Equal(10, map.Count);
        Assert.Equal(10, map.ToArray().Length);
        Assert.All(map, pair => Assert.Equal(pair.Key + 1, pair.Value));
    }

    [Fact]
    public void Callback_RunsOutsideTheMapsLock_SoAnotherThreadCanWriteMeanwhile()
    {
        IConcurrentMap<int, int>? map = null;
        bool otherThreadWrote = false;
        map = MapBuilder.For<int, int>().WithCapacity(1, Eviction.Lru).OnEviction(notice =>
        {
            if (notice.Key == 0)
            {
                // If the lock were held here, this write on another thread would block until the timeout.
                var writer = Task.Run(() => map![100] = 100);
                otherThreadWrote = writer.Wait(TimeSpan.FromSeconds(10));
            }
        }).Build();

        map[0] = 0;
        map[1] = 1; // evicts 0

        Assert.True(otherThreadWrote);
    }
}
