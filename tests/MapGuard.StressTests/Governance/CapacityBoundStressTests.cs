using MapGuard.Testing.Stress;

namespace MapGuard.StressTests.Governance;

/// <summary>
/// The capacity fuse under 4 writer threads: Count never exceeds the capacity (MapGuard's bound is strict: writes that
/// add keys serialize on the map's lock and evict inside it), and at the end Count, the enumeration and the
/// eviction notices all agree.
/// </summary>
public sealed class CapacityBoundStressTests
{
    private const int Writers = 4;
    private const int Capacity = 1_000;
    private const int KeysPerWriter = 20_000;

    public static TheoryData<MapStrategy, Eviction> Cases()
    {
        // Every policy over the flagship map, and the most involved policy over every other strategy.
        var data = new TheoryData<MapStrategy, Eviction>();
        foreach (Eviction eviction in Enum.GetValues<Eviction>())
        {
            data.Add(MapStrategy.LockFree, eviction);
        }

        foreach (MapStrategy strategy in Enum.GetValues<MapStrategy>().Where(s => s != MapStrategy.LockFree))
        {
            data.Add(strategy, Eviction.TinyLfu);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void FourWriters_NeverPushCountPastCapacity(MapStrategy strategy, Eviction eviction)
    {
        long evicted = 0;
        IConcurrentMap<long, long> map = MapBuilder.For<long, long>()
            .Use(strategy)
            .WithCapacity(Capacity, eviction)
            .OnEviction(notice =>
            {
                if (notice.Reason == EvictionReason.Capacity)
                {
                    Interlocked.Increment(ref evicted);
                }
            })
            .Build();
        int maxSeen = 0;
        long added = 0;

        // Four writers add distinct keys while reading back recent ones; the fifth thread only watches Count.
        StressHarness.Run(Writers + 1, index =>
        {
            if (index == Writers)
            {
                while (Volatile.Read(ref added) < Writers * (long)KeysPerWriter && !IsRejectDone(map, eviction))
                {
                    maxSeen = Math.Max(maxSeen, map.Count);
                }

                return;
            }

            for (long i = 0; i < KeysPerWriter; i++)
            {
                long key = (i * Writers) + index;
                if (map.TryAdd(key, key))
                {
                    Interlocked.Increment(ref added);
                }
                else if (eviction == Eviction.Reject)
                {
                    Interlocked.Increment(ref added); // refused: counts as done for the watcher
                }

                maxSeen = Math.Max(maxSeen, map.Count);
                map.TryGetValue(key - Writers, out _);
            }
        });

        Assert.InRange(maxSeen, 1, Capacity);
        Assert.Equal(Capacity, map.Count);
        Assert.Equal(Capacity, map.ToArray().Length);
        long expectedEvictions = eviction == Eviction.Reject ? 0 : (Writers * (long)KeysPerWriter) - Capacity;
        Assert.Equal(expectedEvictions, Interlocked.Read(ref evicted));
    }

    private static bool IsRejectDone(IConcurrentMap<long, long> map, Eviction eviction) =>
        eviction == Eviction.Reject && map.Count == Capacity;
}
