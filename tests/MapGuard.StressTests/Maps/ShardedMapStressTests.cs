using MapGuard.StressTests.Suites;
using MapGuard.Testing.Stress;

namespace MapGuard.StressTests.Maps;

public sealed class ShardedMapStressTests : MapStressSuite
{
    protected override IConcurrentMap<TKey, TValue> Create<TKey, TValue>() => new ShardedMap<TKey, TValue>();

    [Fact]
    public void Clear_IsAtomicToLockFreeReaders_OfTheFirstAndLastOf4096Shards() =>
        ClearScenarios.ClearIsAtomicToReaders(() =>
        {
            // Keys in shard 0 and in the last shard: a Clear that empties shards one by one empties them furthest apart.
            // 4,096 shards make that stretch of time long enough to catch on a loaded 2-core machine.
            var map = new ShardedMap<long, long>(4096);
            long first = FirstKeyIn(map, 0);
            long last = FirstKeyIn(map, map.ShardCount - 1);
            return (map, first, last);
        });

    private static long FirstKeyIn(ShardedMap<long, long> map, int shard)
    {
        long key = 0;
        while (map.ShardIndexOf(key) != shard)
        {
            key++;
        }

        return key;
    }
}
