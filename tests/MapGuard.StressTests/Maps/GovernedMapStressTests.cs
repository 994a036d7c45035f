using MapGuard.StressTests.Suites;

namespace MapGuard.StressTests.Maps;

// The stress and linearizability suite against governed maps: the policy lock and the lock-free reads beside it must
// keep every map linearizable. Capacities exceed what the scenarios store, so nothing is evicted.

public sealed class TinyLfuOverLockFreeMapStressTests : MapStressSuite
{
    protected override IConcurrentMap<TKey, TValue> Create<TKey, TValue>() =>
        MapBuilder.For<TKey, TValue>().UseLockFree().WithCapacity(1 << 20, Eviction.TinyLfu).Build();
}

public sealed class ExpiringLruOverShardedMapStressTests : MapStressSuite
{
    protected override IConcurrentMap<TKey, TValue> Create<TKey, TValue>() =>
        MapBuilder.For<TKey, TValue>().UseSharded().WithCapacity(1 << 20, Eviction.Lru).ExpireAfterAccess(TimeSpan.FromHours(1)).Build();
}
